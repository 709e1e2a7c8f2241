#pragma once

#include "core/request.h"
#include "core/validation.h"

#include <QList>
#include <QWidget>

class QPushButton;
class QTableWidget;
class QTableWidgetItem;

namespace ferry {

// The headers table of a request: a checkbox to switch a row off without losing it, the name
// and the value. The last row is always blank, ready to type a new header into.
class HeadersEditor final : public QWidget {
    Q_OBJECT

public:
    enum Column { EnabledColumn, NameColumn, ValueColumn };

    explicit HeadersEditor(QWidget *parent = nullptr);

    void setRows(const QList<HeaderRow> &rows);

    // The rows the user filled in, in table order; blank rows are left out.
    QList<HeaderRow> rows() const;

    // The table row that shows rows().at(headerIndex), or -1.
    int tableRow(int headerIndex) const;

    // Tints the name or value cell of rows().at(headerIndex) and puts message in its tooltip.
    void markProblem(int headerIndex, RequestField field, const QString &message);
    void clearProblems();
    bool hasProblem(int headerIndex, RequestField field) const;
    void focusHeader(int headerIndex, RequestField field);

Q_SIGNALS:
    void changed();

private:
    void appendRow(const HeaderRow &row);
    bool isBlankRow(int row) const;
    void keepBlankLastRow();
    void addHeader();
    void removeSelectedRows();
    void handleItemChanged(QTableWidgetItem *item);
    void showCheckBox(int row, bool checked);
    void showEnabledState(int row);
    QTableWidgetItem *cell(int headerIndex, RequestField field) const;

    QTableWidget *m_table = nullptr;
    QPushButton *m_addButton = nullptr;
    QPushButton *m_removeButton = nullptr;
    // Set while the editor itself changes cells, so only the user's edits count as changes.
    bool m_updating = false;
};

} // namespace ferry
