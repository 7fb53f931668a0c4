from django.urls import path

from thidua.exemplars.feeds import StoriesAtom, StoriesRss
from thidua.exemplars.views import public, staff

app_name = "exemplars"
urlpatterns = [
    # Public pages (cacheable, except the nomination form).
    path("", public.index, name="index"),
    path("nguoi-tot-viec-tot/", public.good_deeds, name="good_deeds"),
    path("de-xuat/", public.nominate, name="nominate"),
    path("de-xuat/cam-on/", public.thanks, name="thanks"),
    path("rss.xml", public.public_cache(StoriesRss()), name="rss"),
    path("atom.xml", public.public_cache(StoriesAtom()), name="atom"),
    # Staff pages.
    path("quan-ly/", staff.story_list, name="staff_list"),
    path("quan-ly/moi/", staff.story_create, name="staff_create"),
    path("quan-ly/<int:story_id>/", staff.story_page, name="staff_story"),
    path("quan-ly/<int:story_id>/sua/", staff.story_edit, name="staff_edit"),
    path("quan-ly/<int:story_id>/dang/", staff.story_publish, name="staff_publish"),
    path("quan-ly/<int:story_id>/go-xuong/", staff.story_withdraw, name="staff_withdraw"),
    path("quan-ly/<int:story_id>/anh/", staff.photo_add, name="staff_photo_add"),
    path("quan-ly/<int:story_id>/anh/<int:photo_id>/", staff.photo_file, name="staff_photo"),
    path("quan-ly/<int:story_id>/anh/<int:photo_id>/xoa/", staff.photo_remove, name="staff_photo_remove"),
    path("quan-ly/<int:story_id>/dong-y/", staff.consent_add, name="staff_consent"),
    path(
        "quan-ly/<int:story_id>/dong-y/<int:consent_id>/rut/",
        staff.consent_withdraw,
        name="staff_consent_withdraw",
    ),
    path(
        "quan-ly/<int:story_id>/dong-y/<int:consent_id>/ban-quet/",
        staff.consent_scan,
        name="staff_consent_scan",
    ),
    path("quan-ly/de-xuat/", staff.moderation_queue, name="queue"),
    path("quan-ly/de-xuat/<int:nomination_id>/", staff.nomination_page, name="nomination"),
    path("quan-ly/de-xuat/<int:nomination_id>/duyet/", staff.nomination_approve, name="approve"),
    path("quan-ly/de-xuat/<int:nomination_id>/tu-choi/", staff.nomination_reject, name="reject"),
    path("quan-ly/de-xuat/<int:nomination_id>/anh/", staff.nomination_photo, name="nomination_photo"),
    # A published story and its photos (after the fixed addresses above).
    path("<slug:slug>/", public.story, name="story"),
    path("<slug:slug>/anh/<int:photo_id>/", public.photo, name="photo"),
]
