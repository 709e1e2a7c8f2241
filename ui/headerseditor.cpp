#include "ui/headerseditor.h"

#include "ui/fieldmarks.h"

#include <QCompleter>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace ferry {

namespace {

constexpr int kProblemRole = Qt::UserRole + 1;

QStringList commonHeaderNames()
{
    return {QStringLiteral("Accept"),          QStringLiteral("Accept-Encoding"),
            QStringLiteral("Accept-Language"), QStringLiteral("Authorization"),
            QStringLiteral("Cache-Control"),   QStringLiteral("Content-Type"),
            QStringLiteral("Cookie"),          QStringLiteral("If-Match"),
            QStringLiteral("If-None-Match"),   QStringLiteral("Origin"),
            QStringLiteral("Referer"),         QStringLiteral("User-Agent"),
            QStringLiteral("X-Request-Id")};
}

// Writes every keystroke into the table at once, so the code panel follows the typing and a
// request sent with Ctrl+Enter while a cell is still being edited includes what was typed.
class LiveCommitDelegate final : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override
    {
        QWidget *editor = QStyledItemDelegate::createEditor(parent, option, index);
        auto *line = qobject_cast<QLineEdit *>(editor);
        if (!line)
            return editor;

        line->setObjectName(index.column() == HeadersEditor::NameColumn
                                ? QStringLiteral("headerNameEditor")
                                : QStringLiteral("headerValueEditor"));
        if (index.column() == HeadersEditor::NameColumn) {
            auto *completer = new QCompleter(commonHeaderNames(), line);
            completer->setCaseSensitivity(Qt::CaseInsensitive);
            // Inline, not a popup: a popup would take Return and Ctrl+Enter from the cell.
            completer->setCompletionMode(QCompleter::InlineCompletion);
            line->setCompleter(completer);
        }
        auto *self = const_cast<LiveCommitDelegate *>(this);
        connect(line, &QLineEdit::textEdited, self, [self, line] { emit self->commitData(line); });
        return editor;
    }
};

QTableWidgetItem *makeTextItem(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable);
    return item;
}

} // namespace

HeadersEditor::HeadersEditor(QWidget *parent)
    : QWidget(parent)
{
    m_table = new QTableWidget(0, 3, this);
    m_table->setObjectName(QStringLiteral("headersTable"));
    m_table->setHorizontalHeaderLabels(
        {QString(), QStringLiteral("Name"), QStringLiteral("Value")});
    m_table->horizontalHeaderItem(EnabledColumn)
        ->setToolTip(QStringLiteral("Only checked headers are sent"));
    m_table->horizontalHeader()->setSectionResizeMode(EnabledColumn, QHeaderView::Fixed);
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(EnabledColumn, 28);
    m_table->setColumnWidth(NameColumn, 200);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed
                             | QAbstractItemView::SelectedClicked);
    m_table->setItemDelegate(new LiveCommitDelegate(m_table));
    m_table->setAccessibleName(QStringLiteral("Request headers"));

    m_addButton = new QPushButton(QStringLiteral("Add"), this);
    m_addButton->setObjectName(QStringLiteral("addHeaderButton"));
    m_addButton->setToolTip(QStringLiteral("Add a header row"));
    m_removeButton = new QPushButton(QStringLiteral("Remove"), this);
    m_removeButton->setObjectName(QStringLiteral("removeHeaderButton"));
    m_removeButton->setToolTip(QStringLiteral("Remove the selected header rows"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_addButton);
    buttons->addWidget(m_removeButton);
    buttons->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);
    layout->addLayout(buttons);

    connect(m_table, &QTableWidget::itemChanged, this, &HeadersEditor::handleItemChanged);
    connect(m_addButton, &QPushButton::clicked, this, &HeadersEditor::addHeader);
    connect(m_removeButton, &QPushButton::clicked, this, &HeadersEditor::removeSelectedRows);

    keepBlankLastRow();
}

void HeadersEditor::setRows(const QList<HeaderRow> &rows)
{
    m_updating = true;
    m_table->setRowCount(0);
    for (const HeaderRow &row : rows)
        appendRow(row);
    m_updating = false;

    keepBlankLastRow();
    emit changed();
}

QList<HeaderRow> HeadersEditor::rows() const
{
    QList<HeaderRow> out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (isBlankRow(row))
            continue;
        out.append({m_table->item(row, NameColumn)->text(), m_table->item(row, ValueColumn)->text(),
                    m_table->item(row, EnabledColumn)->checkState() == Qt::Checked});
    }
    return out;
}

int HeadersEditor::tableRow(int headerIndex) const
{
    int index = -1;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (isBlankRow(row))
            continue;
        if (++index == headerIndex)
            return row;
    }
    return -1;
}

QTableWidgetItem *HeadersEditor::cell(int headerIndex, RequestField field) const
{
    const int row = tableRow(headerIndex);
    if (row < 0)
        return nullptr;
    return m_table->item(row, field == RequestField::HeaderValue ? ValueColumn : NameColumn);
}

void HeadersEditor::markProblem(int headerIndex, RequestField field, const QString &message)
{
    QTableWidgetItem *item = cell(headerIndex, field);
    if (!item)
        return;

    m_updating = true;
    item->setBackground(problemBackground());
    item->setToolTip(message);
    item->setData(kProblemRole, true);
    m_updating = false;
}

void HeadersEditor::clearProblems()
{
    m_updating = true;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        for (int column : {NameColumn, ValueColumn}) {
            QTableWidgetItem *item = m_table->item(row, column);
            if (!item || !item->data(kProblemRole).toBool())
                continue;
            item->setData(Qt::BackgroundRole, QVariant());
            item->setToolTip(QString());
            item->setData(kProblemRole, QVariant());
        }
    }
    m_updating = false;
}

bool HeadersEditor::hasProblem(int headerIndex, RequestField field) const
{
    const QTableWidgetItem *item = cell(headerIndex, field);
    return item && item->data(kProblemRole).toBool();
}

void HeadersEditor::focusHeader(int headerIndex, RequestField field)
{
    if (QTableWidgetItem *item = cell(headerIndex, field)) {
        m_table->setCurrentItem(item);
        m_table->scrollToItem(item);
        m_table->setFocus(Qt::OtherFocusReason);
    }
}

void HeadersEditor::appendRow(const HeaderRow &header)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);

    auto *enabled = new QTableWidgetItem;
    enabled->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    m_table->setItem(row, EnabledColumn, enabled);
    m_table->setItem(row, NameColumn, makeTextItem(header.name));
    m_table->setItem(row, ValueColumn, makeTextItem(header.value));
    if (isBlankRow(row))
        m_table->item(row, NameColumn)->setToolTip(QStringLiteral("Type a new header here"));
    else
        showCheckBox(row, header.enabled);
}

void HeadersEditor::showCheckBox(int row, bool checked)
{
    // The blank row has no checkbox: it is a place to type, not a header yet.
    QTableWidgetItem *enabled = m_table->item(row, EnabledColumn);
    enabled->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    enabled->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    enabled->setToolTip(QStringLiteral("Send this header"));
    m_table->item(row, NameColumn)->setToolTip(QString());
    showEnabledState(row);
}

bool HeadersEditor::isBlankRow(int row) const
{
    const QTableWidgetItem *name = m_table->item(row, NameColumn);
    const QTableWidgetItem *value = m_table->item(row, ValueColumn);
    return (!name || name->text().isEmpty()) && (!value || value->text().isEmpty());
}

void HeadersEditor::keepBlankLastRow()
{
    const int count = m_table->rowCount();
    if (count > 0 && isBlankRow(count - 1))
        return;

    const bool wasUpdating = m_updating;
    m_updating = true;
    appendRow({});
    m_updating = wasUpdating;
}

void HeadersEditor::addHeader()
{
    keepBlankLastRow();

    // The blank last row is the new header: start editing its name right away.
    QTableWidgetItem *name = m_table->item(m_table->rowCount() - 1, NameColumn);
    m_table->setCurrentItem(name);
    m_table->scrollToItem(name);
    m_table->setFocus(Qt::OtherFocusReason);
    m_table->editItem(name);
}

void HeadersEditor::removeSelectedRows()
{
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        rows.append(index.row());
    if (rows.isEmpty() && m_table->currentRow() >= 0)
        rows.append(m_table->currentRow());
    if (rows.isEmpty())
        return;

    std::sort(rows.begin(), rows.end(), std::greater<>());
    m_updating = true;
    for (int row : rows)
        m_table->removeRow(row);
    m_updating = false;

    keepBlankLastRow();
    emit changed();
}

void HeadersEditor::handleItemChanged(QTableWidgetItem *item)
{
    if (m_updating)
        return;

    const int row = item->row();
    m_updating = true;
    if (item->column() == EnabledColumn)
        showEnabledState(row);
    else if (!isBlankRow(row)
             && !m_table->item(row, EnabledColumn)->data(Qt::CheckStateRole).isValid())
        showCheckBox(row, true);
    m_updating = false;

    keepBlankLastRow();
    emit changed();
}

void HeadersEditor::showEnabledState(int row)
{
    // A switched-off row stays readable but greyed, so it is obvious it will not be sent.
    const QTableWidgetItem *enabled = m_table->item(row, EnabledColumn);
    const bool on = !enabled || !enabled->data(Qt::CheckStateRole).isValid()
                    || enabled->checkState() == Qt::Checked;
    const QVariant text =
        on ? QVariant() : QVariant(m_table->palette().color(QPalette::Disabled, QPalette::Text));
    for (int column : {NameColumn, ValueColumn}) {
        if (QTableWidgetItem *item = m_table->item(row, column))
            item->setData(Qt::ForegroundRole, text);
    }
}

} // namespace ferry
