from django.urls import path

from thidua.movements import views

app_name = "movements"
urlpatterns = [
    path("", views.movement_list, name="list"),
    path("them/", views.movement_create, name="create"),
    path("<int:movement_id>/", views.movement_detail, name="detail"),
    path("<int:movement_id>/sua/", views.movement_edit, name="edit"),
    path("<int:movement_id>/tham-gia/", views.movement_participants, name="participants"),
    path("<int:movement_id>/xem-truoc.pdf", views.movement_preview, name="preview"),
    path("<int:movement_id>/phat-dong/", views.movement_launch, name="launch"),
    path("<int:movement_id>/lenh/<slug:command>/", views.movement_command, name="command"),
    path("<int:movement_id>/sao-chep/", views.movement_copy, name="copy"),
    path("<int:movement_id>/dang-ky.xlsx", views.registration_export, name="registration_export"),
    path("<int:movement_id>/so-ket/", views.review_create, name="review_create"),
    path("so-ket/<int:review_id>/", views.review_detail, name="review"),
    path("dang-ky/<int:registration_id>/", views.registration_detail, name="registration"),
    path(
        "dang-ky/<int:registration_id>/<slug:command>/", views.registration_decide, name="registration_decide"
    ),
]
