from django.core.management.base import CommandError


def report_import_results(command, results, *, nothing, sources):
    """What `import_press_releases` and `import_calendars` print: one German line per source
    (feed or calendar), and exit status 1 when any of them failed."""
    if not results:
        command.stdout.write(nothing)
    for result in results:
        style = command.style.SUCCESS if result.ok else command.style.ERROR
        command.stdout.write(style(result.summary()))
    failed = sum(not result.ok for result in results)
    if failed:
        raise CommandError(
            f"{failed} von {len(results)} {sources} konnten nicht importiert werden.",
            returncode=1,
        )
