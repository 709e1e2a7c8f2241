#include "ui/autheditor.h"

#include "ui/fieldmarks.h"

#include <QAction>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPainterPath>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace ferry {

namespace {

// An eye, crossed out once the token is visible (pressing it then hides the token again).
// Drawn here so the widget needs no image files.
QIcon eyeIcon(const QColor &color, bool crossed)
{
    QPixmap pixmap(QSize(32, 32));
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(color, 2.4, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));

    QPainterPath outline;
    outline.moveTo(3, 16);
    outline.quadTo(16, 2, 29, 16);
    outline.quadTo(16, 30, 3, 16);
    painter.drawPath(outline);
    painter.setBrush(color);
    painter.drawEllipse(QPointF(16, 16), 4.5, 4.5);
    if (crossed)
        painter.drawLine(QPointF(6, 27), QPointF(26, 5));
    painter.end();
    return QIcon(pixmap);
}

} // namespace

AuthEditor::AuthEditor(QWidget *parent)
    : QWidget(parent)
{
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("authKindCombo"));
    m_kind->addItem(QStringLiteral("None"), QVariant::fromValue(int(AuthKind::None)));
    m_kind->addItem(QStringLiteral("Bearer token"), QVariant::fromValue(int(AuthKind::Bearer)));
    m_kind->setToolTip(QStringLiteral("How the request authenticates"));

    m_token = new QLineEdit(this);
    m_token->setObjectName(QStringLiteral("tokenEdit"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(QStringLiteral("Token"));
    m_token->setToolTip(QStringLiteral("The bearer token; it may use variables such as {{$echo}}"));
    m_token->setAccessibleName(QStringLiteral("Bearer token"));

    const QColor iconColor = palette().color(QPalette::Text);
    m_showToken = new QAction(eyeIcon(iconColor, false), QStringLiteral("Show token"), this);
    m_showToken->setObjectName(QStringLiteral("showTokenAction"));
    m_showToken->setCheckable(true);
    m_showToken->setToolTip(QStringLiteral("Show the token in clear text"));
    m_token->addAction(m_showToken, QLineEdit::TrailingPosition);

    m_tokenRow = new QWidget(this);
    auto *tokenLayout = new QHBoxLayout(m_tokenRow);
    tokenLayout->setContentsMargins(0, 0, 0, 0);
    tokenLayout->addWidget(m_token, 1);

    m_hint = new QLabel(QStringLiteral("Sent as the header <tt>Authorization: Bearer "
                                       "&lt;token&gt;</tt> unless a header row sets "
                                       "Authorization itself."),
                        this);
    m_hint->setObjectName(QStringLiteral("authHintLabel"));
    m_hint->setWordWrap(true);
    m_hint->setEnabled(false);

    auto *form = new QFormLayout;
    form->addRow(QStringLiteral("Type"), m_kind);
    form->addRow(QStringLiteral("Token"), m_tokenRow);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_hint);
    layout->addStretch();

    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        showKind();
        emit changed();
    });
    connect(m_token, &QLineEdit::textChanged, this, &AuthEditor::changed);
    connect(m_showToken, &QAction::toggled, this, [this, iconColor](bool show) {
        m_token->setEchoMode(show ? QLineEdit::Normal : QLineEdit::Password);
        m_showToken->setIcon(eyeIcon(iconColor, show));
        m_showToken->setToolTip(show ? QStringLiteral("Hide the token")
                                     : QStringLiteral("Show the token in clear text"));
    });

    showKind();
}

Auth AuthEditor::auth() const
{
    Auth auth;
    auth.kind = AuthKind(m_kind->currentData().toInt());
    auth.token = m_token->text();
    return auth;
}

void AuthEditor::setAuth(const Auth &auth)
{
    {
        const QSignalBlocker kindBlocker(m_kind);
        const QSignalBlocker tokenBlocker(m_token);
        m_kind->setCurrentIndex(qMax(0, m_kind->findData(int(auth.kind))));
        m_token->setText(auth.token);
    }
    showKind();
    emit changed();
}

void AuthEditor::markTokenProblem(const QString &message)
{
    markFieldProblem(m_token, message);
}

void AuthEditor::clearProblems()
{
    clearFieldProblem(m_token);
}

void AuthEditor::focusToken()
{
    m_token->setFocus(Qt::OtherFocusReason);
}

void AuthEditor::showKind()
{
    const bool bearer = AuthKind(m_kind->currentData().toInt()) == AuthKind::Bearer;
    m_tokenRow->setEnabled(bearer);
    m_hint->setVisible(bearer);
}

} // namespace ferry
