"""Pages as their specific types with one statement written from the models' field lists
instead of composed by the ORM: composing the route's query (a reverse one-to-one join per
page type, the view restriction subquery) took the ORM about 1.5 ms of every article's
render, running it a fifth of that. Routing (core.routing) and the news lists use it.

Each row is the page's `wagtailcore_page` columns, the columns of every page type's own
table that may hold it (LEFT JOIN, named like the table, empty for the others), those of
the types' related rows (`route_select_related`) and whether a view restriction covers
the page. A page of a type that was not joined comes as a plain Page.
"""

from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.models import Page

# Like core.visibility.view_restricted: a restriction on the page or one of its ancestors.
VIEW_RESTRICTED = """EXISTS (
    SELECT 1 FROM wagtailcore_pageviewrestriction restriction
    JOIN wagtailcore_page restricted ON restricted.id = restriction.page_id
    WHERE page.path LIKE restricted.path || '%%')"""


def quote(name):
    return connection.ops.quote_name(name)


class Columns:
    """A run of columns in the row: *fields* of a table under *alias*, read with the value
    converters the ORM would apply to them."""

    def __init__(self, fields, alias, start):
        self.fields, self.start, self.end = list(fields), start, start + len(fields)
        self.sql = [f"{alias}.{quote(field.column)}" for field in self.fields]
        self.converters = []
        for index, field in enumerate(self.fields):
            column = field.get_col(field.model._meta.db_table)
            found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
            if found:
                self.converters.append((index, found, column))

    def index(self, attname):
        return self.start + next(
            number for number, field in enumerate(self.fields) if field.attname == attname
        )

    def values(self, row):
        values = list(row[self.start : self.end])
        for index, functions, column in self.converters:
            for function in functions:
                values[index] = function(values[index], column, connection)
        return values


@cache
def _statement(models, deferred):
    """The SELECT … FROM … with the joins for *models* (without their own fields named in
    *deferred*), the page's columns, the position of the content type in the row and per
    model (its own columns, the attnames read, [(name, related model, its columns)])."""
    page = Columns(Page._meta.concrete_fields, "page", 0)
    columns, joins, readers = page.sql, [], {}
    for model in models:
        if model._meta.get_parent_list() != [Page]:
            continue  # a type below another page type: comes as a plain Page
        alias = quote(model._meta.db_table)
        fields = [f for f in model._meta.local_concrete_fields if f.attname not in deferred]
        own = Columns(fields, alias, len(columns))
        names = [field.attname for field in page.fields + own.fields]
        columns += own.sql
        joins.append(f"LEFT JOIN {alias} ON {alias}.{quote(model._meta.pk.column)} = page.id")
        related = []
        for name in getattr(model, "route_select_related", ()):
            field = model._meta.get_field(name)
            target = field.related_model
            target_alias = quote(f"{model._meta.db_table}_{name}")
            target_columns = Columns(target._meta.concrete_fields, target_alias, len(columns))
            columns += target_columns.sql
            joins.append(
                f"LEFT JOIN {quote(target._meta.db_table)} {target_alias} ON {target_alias}."
                f"{quote(target._meta.pk.column)} = {alias}.{quote(field.column)}"
            )
            related.append((name, target, target_columns))
        readers[model] = (own, names, related)
    select = f'SELECT {", ".join(columns)}, {VIEW_RESTRICTED} AS "view_restricted"\n'
    select += "FROM wagtailcore_page page\n"
    return select + "\n".join(joins), page, page.index("content_type_id"), readers


def read_pages(models, where, params, order_by="page.path", limit=None, defer=()):
    """The pages matching *where* (SQL about `page` and the models' tables, with %s
    *params*) in *order_by*'s order, each as its specific type where that is among *models*
    (else a plain Page), with `view_restricted` set. The models' own fields in *defer* are
    not read (Django loads one when it is used)."""
    select, page_columns, content_type, readers = _statement(tuple(models), frozenset(defer))
    sql = f"{select}\nWHERE {where}\nORDER BY {order_by}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    pages = []
    for row in rows:
        values = page_columns.values(row)
        model = ContentType.objects.get_for_id(row[content_type]).model_class()
        own, names, related = readers.get(model, (None, None, ()))
        if own is not None and row[own.start] is not None:  # its table's row: page_ptr_id
            page = model.from_db(connection.alias, names, values + own.values(row))
            for name, target, columns in related:
                if row[columns.start] is not None:
                    setattr(page, name, target.from_db(connection.alias, None, columns.values(row)))
        else:
            page = Page.from_db(connection.alias, None, values)
        page.view_restricted = bool(row[-1])
        pages.append(page)
    return pages


# The live pages sharing a translation key with the pages asked for, with their language:
# what the language switcher and the hreflang links need (an address is built from url_path).
TRANSLATIONS_SQL = """
SELECT page.translation_key, page.id, page.url_path, locale.language_code
FROM wagtailcore_page page JOIN wagtailcore_locale locale ON locale.id = page.locale_id
WHERE page.translation_key IN ({keys}) AND page.live
"""


def live_translations(pages):
    """For each of *pages*, [(pk, url_path, language code)] of the live pages sharing its
    translation key (itself included if live): one query for all of them."""
    field = Page._meta.get_field("translation_key")
    keys = {field.get_db_prep_value(page.translation_key, connection) for page in pages}
    with connection.cursor() as cursor:
        cursor.execute(TRANSLATIONS_SQL.format(keys=", ".join(["%s"] * len(keys))), list(keys))
        rows = cursor.fetchall()
    found = {}
    for key, pk, url_path, code in rows:
        found.setdefault(field.to_python(key), []).append((pk, url_path, code))
    return [found.get(page.translation_key, []) for page in pages]
