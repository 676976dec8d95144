from django.urls import path

from backcare.catalogue import views

urlpatterns = [
    path("", views.home, name="home"),
    path("exercises/", views.exercise_finder, name="exercise_finder"),
    path("exercises/<slug:slug>/", views.exercise, name="exercise"),
    path("routines/<slug:slug>/", views.routine, name="routine"),
    path("disclaimer/", views.disclaimer, name="disclaimer"),
    path("<slug:slug>/", views.condition, name="condition"),
]
