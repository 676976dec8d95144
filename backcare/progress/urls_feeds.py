"""Calendar feeds, at /calendar/ (outside the language prefixes: a feed's link never
changes with the language; the event is written in the language it was set up in)."""

from django.urls import URLPattern, path

from backcare.progress import views_feeds

urlpatterns: list[URLPattern] = [
    path("<str:key>.ics", views_feeds.calendar_feed, name="calendar_feed"),
]
