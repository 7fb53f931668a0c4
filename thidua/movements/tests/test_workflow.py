"""The movement and registration transition tables (no database)."""

from thidua.accounts.models import Role
from thidua.movements import workflow
from thidua.movements.models import MovementStatus as M
from thidua.movements.models import RegistrationStatus as R


def test_a_movement_moves_from_draft_to_closed_in_order():
    path = [("launch", M.DRAFT), ("start", M.LAUNCHED), ("review", M.IN_PROGRESS), ("close", M.REVIEWED)]
    state = M.DRAFT
    for command, source in path:
        assert state == source
        t = workflow.find_transition(workflow.MOVEMENT_TRANSITIONS, command, state)
        assert t is not None
        state = t.target
    assert state == M.CLOSED


def test_a_closed_movement_accepts_no_command():
    assert workflow.allowed_commands(workflow.MOVEMENT_TRANSITIONS, M.CLOSED, {Role.ADMINISTRATOR}) == []


def test_unit_heads_cannot_launch_but_officers_can():
    assert workflow.allowed_commands(workflow.MOVEMENT_TRANSITIONS, M.DRAFT, {Role.UNIT_HEAD}) == []
    assert workflow.allowed_commands(workflow.MOVEMENT_TRANSITIONS, M.DRAFT, {Role.EMULATION_OFFICER}) == [
        "launch"
    ]


def test_a_returned_registration_can_be_sent_again_and_return_needs_a_reason():
    assert workflow.find_transition(workflow.REGISTRATION_TRANSITIONS, "send", R.RETURNED) is not None
    back = workflow.find_transition(workflow.REGISTRATION_TRANSITIONS, "return", R.SENT)
    assert back is not None and back.needs_reason
    assert workflow.find_transition(workflow.REGISTRATION_TRANSITIONS, "accept", R.NOT_SENT) is None


def test_only_the_launcher_decides_and_only_participants_send():
    assert workflow.allowed_commands(workflow.REGISTRATION_TRANSITIONS, R.SENT, {Role.UNIT_HEAD}) == []
    assert set(
        workflow.allowed_commands(workflow.REGISTRATION_TRANSITIONS, R.SENT, {Role.EMULATION_OFFICER})
    ) == {"return", "accept"}
    assert workflow.allowed_commands(workflow.REGISTRATION_TRANSITIONS, R.NOT_SENT, {Role.SIGNATORY}) == []
