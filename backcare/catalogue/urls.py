from django.urls import path

from backcare.catalogue import views, views_demos

urlpatterns = [
    path("", views.home, name="home"),
    path("exercises/", views.exercise_finder, name="exercise_finder"),
    path("exercises/demos/", views_demos.gallery, name="demo_gallery"),
    path("exercises/<slug:slug>/demo.svg", views_demos.demo_svg, name="exercise_demo"),
    path("exercises/<slug:slug>/", views.exercise, name="exercise"),
    path("routines/<slug:slug>/", views.routine, name="routine"),
    path("disclaimer/", views.disclaimer, name="disclaimer"),
    path("<slug:slug>/", views.condition, name="condition"),
]
