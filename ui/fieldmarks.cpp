#include "ui/fieldmarks.h"

#include <QPalette>
#include <QVariant>
#include <QWidget>

namespace ferry {

namespace {

// Dynamic properties keep the state on the widget itself, so any field can be marked without
// a wrapper class.
constexpr char kProblemProperty[] = "ferryProblem";
constexpr char kOwnToolTipProperty[] = "ferryOwnToolTip";

} // namespace

QColor problemBackground()
{
    return QColor(0xff, 0xe4, 0xe4);
}

void markFieldProblem(QWidget *field, const QString &message)
{
    if (!field)
        return;

    if (!fieldHasProblem(field))
        field->setProperty(kOwnToolTipProperty, field->toolTip());
    field->setProperty(kProblemProperty, true);

    QPalette palette = field->palette();
    palette.setColor(QPalette::Base, problemBackground());
    field->setPalette(palette);
    field->setToolTip(message);
}

void clearFieldProblem(QWidget *field)
{
    if (!field || !fieldHasProblem(field))
        return;

    field->setProperty(kProblemProperty, false);
    // A default palette has nothing resolved, so the field goes back to its inherited colours.
    field->setPalette(QPalette());
    field->setToolTip(field->property(kOwnToolTipProperty).toString());
}

bool fieldHasProblem(const QWidget *field)
{
    return field && field->property(kProblemProperty).toBool();
}

} // namespace ferry
