"""The psychiatrist's patient list: search by name, MRN or date of birth, sortable columns."""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from monitor.records import Patient
from monitor.review_actions import ReviewActions
from ui.common.table_model import Index, RowsTableModel
from ui.common.table_view import read_only_table
from ui.common.timefmt import local

SORT_ROLE = Qt.ItemDataRole.UserRole  # raw values: numbers and dates sort as such
PATIENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_DELAY_MS = 200
LIMIT = 200

Row = tuple[Patient, int, datetime | None]  # as ReviewRepository.patients_overview gives


class PatientListModel(RowsTableModel):
    """Patients with their number of sessions and the date of the latest one."""

    HEADERS = ("Name", "MRN", "Date of\nbirth", "Sessions", "Last\nsession")
    NUMERIC = {3}

    def __init__(self, tz: tzinfo | None = None, parent=None) -> None:
        super().__init__(parent)
        self.tz = tz
        self._rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def patient(self, row: int) -> Patient:
        return self._rows[row][0]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        patient, count, last = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            last_text = local(last, self.tz).strftime("%Y-%m-%d") if last else "—"
            return (patient.name, patient.mrn, f"{patient.date_of_birth:%Y-%m-%d}",
                    str(count), last_text)[column]
        if role == SORT_ROLE:
            return (patient.name.casefold(), patient.mrn.casefold(),
                    patient.date_of_birth.toordinal(), count,
                    last.timestamp() if last else -1.0)[column]
        if role == PATIENT_ID_ROLE:
            return patient.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 4 and last:
                return local(last, self.tz).strftime("Last session opened %Y-%m-%d %H:%M")
            if patient.allergies:
                return f"{patient.name} · allergies: {patient.allergies}"
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class PatientList(QWidget):
    """Search box over a sortable table of patients.

    Signals:
        patient_chosen(int): the psychiatrist picked this patient (click, arrow keys, Enter).
    """

    patient_chosen = Signal(int)

    def __init__(self, review: ReviewActions, tz: tzinfo | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.review = review
        self._quiet = False  # selecting a row from code does not re-emit patient_chosen
        self._searched: str | None = None  # the text of the last search run
        self.search = QLineEdit()
        self.search.setObjectName("reviewSearch")
        self.search.setPlaceholderText("Name, MRN or date of birth (YYYY-MM-DD)")
        self.search.setClearButtonEnabled(True)
        self.model = PatientListModel(tz, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = self._make_table()
        self.count_label = QLabel()
        self.count_label.setObjectName("bandLabel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel("<b>Patients</b>")
        layout.addWidget(title)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.refresh)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(self._chosen)

    def _make_table(self) -> QTableView:
        table = read_only_table(self.proxy, "reviewPatients")
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        return table

    # --- data ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Runs the search now (typing runs it after a short pause)."""
        self._timer.stop()
        text = self.search.text().strip()
        rows = self.review.patients_overview(text, LIMIT)
        chosen = self.selected_patient_id()
        self.model.set_rows(rows)
        if text != self._searched:
            # a new search shows the search's order (an exact MRN first, then by name)
            # until a column header is clicked; a reload keeps the sort chosen
            self._searched = text
            self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        n = len(rows)
        more = " (the first ones: narrow the search)" if n >= LIMIT else ""
        self.count_label.setText(
            f"{n} patient{'s' if n != 1 else ''}{more}" if n else "No patient matches.")
        if chosen is not None:
            self.select(chosen)

    def row_of(self, patient_id: int) -> int | None:
        """The row on screen (after sorting) that shows this patient."""
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(PATIENT_ID_ROLE) == patient_id:
                return row
        return None

    def selected_patient_id(self) -> int | None:
        current = self.table.selectionModel().currentIndex()
        return current.data(PATIENT_ID_ROLE) if current.isValid() else None

    def select(self, patient_id: int) -> bool:
        """Highlights this patient's row if it is listed, without emitting patient_chosen."""
        row = self.row_of(patient_id)
        if row is None:
            return False
        self._quiet = True
        try:
            self.table.selectionModel().setCurrentIndex(
                self.proxy.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        finally:
            self._quiet = False
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._quiet:
            self.patient_chosen.emit(current.data(PATIENT_ID_ROLE))

    def _chosen(self, index: QModelIndex) -> None:
        if index.isValid():
            self.patient_chosen.emit(index.data(PATIENT_ID_ROLE))
