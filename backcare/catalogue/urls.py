from django.urls import path

from backcare.catalogue import views

urlpatterns = [
    path("", views.home, name="home"),
]
