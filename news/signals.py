from .models import NewsArticlePage


def keep_news_index(sender, instance, parent_page_after, **kwargs):
    """An article moved to another news index is listed there (Wagtail saves a moved page
    as a plain Page, so NewsArticlePage.save does not see the move)."""
    if issubclass(instance.specific_class or type(instance), NewsArticlePage):
        NewsArticlePage.objects.filter(pk=instance.pk).update(news_index=parent_page_after.pk)
