from django.urls import path  # noqa: F401 - routes are added as the views arrive

app_name = "api"
urlpatterns: list = []
