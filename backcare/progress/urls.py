"""The progress pages, at /progress/ (and /<language>/progress/)."""

from django.urls import path

from backcare.progress import views, views_measures, views_reminders, views_review

app_name = "progress"
urlpatterns = [
    path("", views.progress, name="progress"),
    path("goal/", views.set_goal, name="set_goal"),
    path("review/", views_review.review_decide, name="review_decide"),
    path("measures/<slug:measure_id>/", views_measures.take_measure, name="take_measure"),
    path("reminders/", views_reminders.reminders_page, name="reminders"),
    path("reminders/revoke/", views_reminders.revoke, name="reminders_revoke"),
    path("reminders/new-link/", views_reminders.reissue, name="reminders_reissue"),
]
