"""RSS 2.0 and Atom feeds of the published stories, with absolute links for the district web portal."""

from datetime import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.translation import gettext as _

from thidua.exemplars import selectors
from thidua.exemplars.models import Story, StoryKind

FEED_SIZE = 30


def absolute(path: str) -> str:
    """Return `path` on the public site's address (THIDUA_PUBLIC_BASE_URL)."""
    return f"{settings.THIDUA_PUBLIC_BASE_URL.rstrip('/')}{path}"


class StoriesRss(Feed):
    """The newest published stories and good deeds."""

    feed_type: type[SyndicationFeed] = Rss201rev2Feed

    def title(self) -> str:
        return f"{_('Exemplary people and good deeds')} – {settings.THIDUA_PUBLIC_SITE_NAME}"

    def link(self) -> str:
        return absolute(reverse("exemplars:index"))

    def feed_url(self) -> str:
        return absolute(reverse("exemplars:rss"))

    def description(self) -> str:
        return _("Stories of exemplary people and collectives, and good deeds, published by the authority.")

    def items(self) -> list[Story]:
        return selectors.latest_published(limit=FEED_SIZE)

    def item_title(self, item: Story) -> str:
        return item.title

    def item_description(self, item: Story) -> str:
        return item.summary

    def item_link(self, item: Story) -> str:
        return absolute(reverse("exemplars:story", args=[item.slug]))

    def item_guid(self, item: Story) -> str:
        return self.item_link(item)

    def item_pubdate(self, item: Story) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: Story) -> datetime:
        return item.updated_at

    def item_categories(self, item: Story) -> list[str]:
        return [str(StoryKind(item.kind).label)]


class StoriesAtom(StoriesRss):
    """The same stories as Atom."""

    feed_type = Atom1Feed

    def feed_url(self) -> str:
        return absolute(reverse("exemplars:atom"))

    def subtitle(self) -> str:
        return self.description()
