from django.urls import path

from thidua.council.views import councils, polls, sessions

app_name = "council"
urlpatterns = [
    path("", councils.council_list, name="list"),
    path("them/", councils.council_create, name="create"),
    path("<int:council_id>/", councils.council_detail, name="detail"),
    path("<int:council_id>/thanh-vien/<int:member_id>/roi/", councils.member_remove, name="member_remove"),
    path("phien-hop/<int:session_id>/", sessions.session_detail, name="session"),
    path("phien-hop/<int:session_id>/lenh/<slug:command>/", sessions.session_command, name="session_command"),
    path("phien-hop/<int:session_id>/co-mat/", sessions.session_attendance, name="attendance"),
    path("phien-hop/<int:session_id>/noi-dung/", sessions.agenda_add, name="agenda_add"),
    path("phien-hop/<int:session_id>/bieu-quyet/", sessions.poll_open, name="poll_open"),
    path("phien-hop/<int:session_id>/bien-ban.<slug:fmt>", sessions.session_minutes, name="minutes"),
    path("phien-hop/<int:session_id>/ban-hanh-bien-ban/", sessions.minutes_issue, name="minutes_issue"),
    path("bieu-quyet/<int:poll_id>/", polls.poll_detail, name="poll"),
    path("bieu-quyet/<int:poll_id>/phieu/", polls.ballot, name="ballot"),
    path("bieu-quyet/<int:poll_id>/ghi-danh/", polls.named_vote, name="named"),
    path("bieu-quyet/<int:poll_id>/kiem-phieu/", polls.paper_counts, name="paper"),
    path("bieu-quyet/<int:poll_id>/phieu-vang-mat/", polls.written_counts, name="written"),
    path("bieu-quyet/<int:poll_id>/lenh/<slug:command>/", polls.poll_command, name="poll_command"),
    path("bieu-quyet/<int:poll_id>/ket-qua/", polls.poll_results, name="results"),
    path("bieu-quyet/<int:poll_id>/bien-ban-kiem-phieu.<slug:fmt>", polls.count_report, name="count_report"),
    path(
        "bieu-quyet/<int:poll_id>/ban-hanh-kiem-phieu/", polls.count_report_issue, name="count_report_issue"
    ),
]
