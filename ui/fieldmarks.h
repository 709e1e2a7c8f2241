#pragma once

#include <QColor>
#include <QString>

class QWidget;

namespace ferry {

// Marks an input field as holding a problem: a tinted background and the message as its
// tooltip, so the user sees where the request went wrong without reading the whole window.
void markFieldProblem(QWidget *field, const QString &message);

// Undoes markFieldProblem and brings back the field's own tooltip.
void clearFieldProblem(QWidget *field);

bool fieldHasProblem(const QWidget *field);

// The tint of a field or table cell that holds a problem.
QColor problemBackground();

} // namespace ferry
