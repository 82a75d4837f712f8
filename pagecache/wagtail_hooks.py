from wagtail import hooks

from .middleware import note_served_page


# Tell the page cache which chapter (scope) the page being served belongs to.
@hooks.register("before_serve_page")
def remember_page_cache_scope(page, request, serve_args, serve_kwargs):
    note_served_page(request, page)
