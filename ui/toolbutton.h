#pragma once

#include <QString>
#include <QToolButton>

namespace ferry {

// A flat tool button with the object name that tests and accessibility find it by.
inline QToolButton *makeToolButton(const QString &objectName, const QString &text,
                                   const QString &toolTip, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(objectName);
    button->setText(text);
    button->setToolTip(toolTip);
    button->setAutoRaise(true);
    return button;
}

} // namespace ferry
