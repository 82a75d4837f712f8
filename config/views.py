import sys

from django.views.defaults import server_error as django_server_error

from config.middleware import DATABASE_ERRORS, database_unavailable_response


def server_error(request, template_name="500.html"):
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return database_unavailable_response(request)
    return django_server_error(request, template_name)
