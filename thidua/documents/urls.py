"""URLs of official documents, under /van-ban/."""

from django.urls import path

from thidua.documents import views

app_name = "documents"
urlpatterns = [
    path("den/", views.inbox, name="inbox"),
    path("so/", views.register, name="register"),
    path("<int:document_id>/", views.detail, name="detail"),
    path("<int:document_id>/pdf", views.download, {"fmt": "pdf"}, name="pdf"),
    path("<int:document_id>/docx", views.download, {"fmt": "docx"}, name="docx"),
    path("<int:document_id>/nhac/", views.remind, name="remind"),
]
