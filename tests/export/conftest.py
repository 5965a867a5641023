"""export/ makes a bare QGuiApplication when none runs (it never imports QtWidgets). The
suite shares one process with the widget tests, whose application must be a QApplication,
so these tests start under pytest-qt's QApplication first."""

import pytest


@pytest.fixture(autouse=True)
def _widgets_application(qapp):
    return qapp
