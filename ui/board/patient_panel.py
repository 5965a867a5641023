"""Find or register a patient, start a session, and see the sessions open now."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from monitor.board import chairs_in_use
from monitor.records import Patient
from monitor.service import SessionService
from ui.board.register_dialog import RegisterPatientDialog
from ui.board.start_session_dialog import StartSessionDialog

SEARCH_DELAY_MS = 150
PANEL_MAX_WIDTH = 230


class PatientPanel(QWidget):
    """Signals:
        session_chosen(int): open this session in the session view.
    """

    session_chosen = Signal(int)

    def __init__(self, service: SessionService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.preferred_chair = ""  # set when the nurse picked a free chair on the board
        self.search = QLineEdit()
        self.search.setObjectName("patientSearch")
        self.search.setPlaceholderText("Find patient: name or MRN")
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setObjectName("patientResults")
        self.results.setSpacing(3)  # two-line items need air between patients
        self.register_button = QPushButton("Register patient…")
        self.start_button = QPushButton("New session…")
        self.start_button.setObjectName("startSession")
        self.open_list = QListWidget()
        self.open_list.setObjectName("openSessions")
        for items in (self.results, self.open_list):  # a narrow column: cut, never scroll
            items.setTextElideMode(Qt.TextElideMode.ElideRight)
            items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMaximumWidth(PANEL_MAX_WIDTH)  # never a third of a chair's screen
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Sessions open now</b>"))
        layout.addWidget(self.open_list, 1)
        layout.addWidget(QLabel("<b>Patients</b>"))
        layout.addWidget(self.search)
        layout.addWidget(self.results, 2)
        layout.addWidget(self.register_button)
        layout.addWidget(self.start_button)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh_patients)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.refresh_patients)
        self.results.itemSelectionChanged.connect(self._selection_changed)
        self.results.itemActivated.connect(lambda _i: self.start_session())
        self.open_list.itemActivated.connect(self._open_chosen)
        self.open_list.itemClicked.connect(self._open_chosen)
        self.register_button.clicked.connect(self.register_patient)
        self.start_button.clicked.connect(self.start_session)
        self._selection_changed()

    # --- lists -------------------------------------------------------------------------

    def refresh_patients(self) -> None:
        self.results.clear()
        for p in self.service.find_patients(self.search.text()):
            item = QListWidgetItem(f"{p.name}\nMRN {p.mrn} · born {p.date_of_birth:%Y-%m-%d}")
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.results.addItem(item)

    def refresh_open_sessions(self, current: int | None = None) -> None:
        self.open_list.clear()
        for s, p in self.service.open_sessions():
            item = QListWidgetItem(f"Chair {s.chair} · {p.name} · {s.phase.label}")
            item.setToolTip(item.text())
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            self.open_list.addItem(item)
            if s.id == current:
                item.setSelected(True)

    def selected_patient(self) -> Patient | None:
        items = self.results.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def select_patient(self, patient: Patient) -> None:
        self.search.setText(patient.mrn)
        self._timer.stop()  # the search typed here is done: a late refresh would unselect
        self.refresh_patients()
        self.results.setCurrentRow(0)

    def _selection_changed(self) -> None:
        self.start_button.setEnabled(self.selected_patient() is not None)

    def _open_chosen(self, item: QListWidgetItem) -> None:
        self.session_chosen.emit(item.data(Qt.ItemDataRole.UserRole))

    # --- actions -----------------------------------------------------------------------

    def register_patient(self) -> None:
        dialog = RegisterPatientDialog(self.service, self)
        if dialog.exec() == RegisterPatientDialog.DialogCode.Accepted and dialog.patient:
            self.select_patient(dialog.patient)
            self.start_button.setAutoDefault(True)  # Enter or Space: New session… for them
            self.start_button.setFocus()
            QTimer.singleShot(0, self.start_button.setFocus)  # after the dialog's own

    def start_session(self) -> None:
        patient = self.selected_patient()
        if patient is None:
            return
        running = self.service.active_session_for(patient.id)
        if running is not None:
            self.session_chosen.emit(running.id)
            return
        count = self.service.settings.chair_count()
        dialog = StartSessionDialog(self.service, patient, [str(n) for n in range(1, count + 1)],
                                    self, protocols=self.service.settings.protocols(),
                                    chair=self.preferred_chair,
                                    in_use=chairs_in_use(self.service.open_sessions()))
        if dialog.exec() == StartSessionDialog.DialogCode.Accepted and dialog.session:
            self.preferred_chair = ""
            self.refresh_open_sessions(dialog.session.id)
            self.session_chosen.emit(dialog.session.id)
