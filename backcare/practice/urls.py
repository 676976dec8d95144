from django.urls import path

from backcare.practice import views_history, views_player

app_name = "practice"
urlpatterns = [
    path("routines/<slug:slug>/play/", views_player.play_routine, name="play_routine"),
    path("history/", views_history.history, name="history"),
]
