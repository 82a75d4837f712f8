"""Factories for every page type and snippet. Pages are created under a `parent` and
published, like an editor would; pass `live=False` for a draft."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page

from chapters.models import ChapterPage, ContentPage
from events.models import EventIndexPage, EventPage
from home.models import HomePage
from news.models import NewsArticlePage, NewsCategory, NewsIndexPage
from notices.models import Banner
from people.models import BOARD, ContactPage, Person, PersonRole, Role
from press.models import PressRelease, PressReleaseFeed


class PageFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Seite {n}")
    slug = factory.LazyAttribute(lambda page: None)

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, live=True, **kwargs):
        if parent is None:
            parent = cls.default_parent()
        kwargs = {key: value for key, value in kwargs.items() if value is not None}
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        else:
            page.live = False
            page.save(update_fields=["live"])
        page.refresh_from_db()
        return page

    @classmethod
    def default_parent(cls):
        raise NotImplementedError(f"{cls.__name__} needs a parent")


class HomePageFactory(PageFactory):
    title = "Regionalportal"

    class Meta:
        model = HomePage

    @classmethod
    def default_parent(cls):
        return Page.get_first_root_node()


def home_page():
    """The regional home page the initial migration created."""
    return HomePage.objects.get(depth=2)


class ChapterPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"SPD Ortsverein {n}")
    municipality = factory.Sequence(lambda n: f"Gemeinde {n}")

    class Meta:
        model = ChapterPage

    @classmethod
    def default_parent(cls):
        return home_page()


class NewsIndexPageFactory(PageFactory):
    title = "Aktuelles"
    slug = "aktuelles"

    class Meta:
        model = NewsIndexPage

    @classmethod
    def default_parent(cls):
        return ChapterPageFactory()


class NewsCategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Kategorie {n}")
    slug = factory.Sequence(lambda n: f"kategorie-{n}")

    class Meta:
        model = NewsCategory


class NewsArticlePageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Artikel {n}")
    kicker = "Dachzeile"
    teaser = "Ein kurzer Anreißer."
    date = factory.Sequence(lambda n: datetime.date(2020, 1, 1) + datetime.timedelta(days=n))
    category = factory.SubFactory(NewsCategoryFactory)

    class Meta:
        model = NewsArticlePage

    @classmethod
    def default_parent(cls):
        return NewsIndexPageFactory()


class EventIndexPageFactory(PageFactory):
    title = "Termine"
    slug = "termine"

    class Meta:
        model = EventIndexPage

    @classmethod
    def default_parent(cls):
        return ChapterPageFactory()


class EventPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Termin {n}")
    teaser = "Worum es geht."
    place = "Bürgerhaus"
    start = factory.Sequence(
        lambda n: timezone.make_aware(
            datetime.datetime(2030, 1, 1, 19) + datetime.timedelta(days=n % 300)
        )
    )

    class Meta:
        model = EventPage

    @classmethod
    def default_parent(cls):
        return EventIndexPageFactory()


class ContentPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Inhaltsseite {n}")

    class Meta:
        model = ContentPage

    @classmethod
    def default_parent(cls):
        return ChapterPageFactory()


class ContactPageFactory(PageFactory):
    title = "Kontakt"
    slug = "kontakt"

    class Meta:
        model = ContactPage

    @classmethod
    def default_parent(cls):
        return ChapterPageFactory()


class RoleFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Funktion {n}")
    group = BOARD

    class Meta:
        model = Role


class PersonFactory(factory.django.DjangoModelFactory):
    """A person of *chapter*; `roles=[role, …]` gives them functions in that order."""

    name = factory.Sequence(lambda n: f"Person {n}")
    chapter = factory.SubFactory(ChapterPageFactory)

    class Meta:
        model = Person
        skip_postgeneration_save = True

    @factory.post_generation
    def roles(obj, create, extracted, **kwargs):  # noqa: N805
        for position, role in enumerate(extracted or []):
            PersonRole.objects.create(person=obj, role=role, sort_order=position)


class PressReleaseFeedFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Feed {n}")
    url = factory.Sequence(lambda n: f"http://127.0.0.1:9/feed-{n}.xml")

    class Meta:
        model = PressReleaseFeed


class PressReleaseFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Pressemitteilung {n}")
    teaser = "Worum es geht."
    published_at = factory.Sequence(lambda n: timezone.now() - datetime.timedelta(hours=n + 1))
    source_name = "spd.de"
    source_url = factory.Sequence(lambda n: f"https://www.spd.de/presse/{n}")

    class Meta:
        model = PressRelease


class BannerFactory(factory.django.DjangoModelFactory):
    title = "Aktuelle Informationen zu Corona"
    text = "<p>Alles Wichtige auf einen Blick.</p>"
    live = True

    class Meta:
        model = Banner


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "geheim-und-lang-genug")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class ImageFactory(factory.django.DjangoModelFactory):
    """A Wagtail image with a real PNG (Pillow); `file__width`/`file__height` set its size."""

    title = factory.Sequence(lambda n: f"Bild {n}")
    file = factory.django.ImageField(width=64, height=48, color="red")

    class Meta:
        model = get_image_model()
