from django.urls import path

from backcare.practice import views_history, views_player

app_name = "practice"
urlpatterns = [
    path("routines/<slug:slug>/play/", views_player.play_routine, name="play_routine"),
    path("history/", views_history.history, name="history"),
    path("history/delete/", views_history.delete_everything, name="delete_everything"),
    path("history/<uuid:session_id>/delete/", views_history.delete_session,
         name="delete_session"),
]
