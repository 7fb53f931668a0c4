from django.urls import path

from thidua.exemplars import views

app_name = "exemplars"
urlpatterns = [
    path("", views.index, name="index"),
]
