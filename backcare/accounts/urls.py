"""/account/...: your account, your data, your API tokens; clinic invitations."""

from django.urls import path

from backcare.accounts import views, views_invite

app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path("export.json", views.export_json, name="export"),
    path("delete/", views.delete_account, name="delete"),
    path("tokens/", views.create_token, name="create_token"),
    path("tokens/<int:token_id>/revoke/", views.revoke_token, name="revoke_token"),
    path("invite/", views_invite.invite_clinician, name="invite"),
    path("join/<str:secret>/", views_invite.join_clinic, name="join"),
]
