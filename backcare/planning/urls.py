from django.urls import path

from backcare.planning import views

app_name = "planning"
urlpatterns = [
    path("screen/", views.screen, name="screen"),
    path("routines/<slug:slug>/fit/", views.fit, name="fit"),
    path("routines/<slug:slug>/plan/", views.plan, name="plan"),
    path("painful-exercises/<slug:slug>/include/", views.include_again, name="include_again"),
]
