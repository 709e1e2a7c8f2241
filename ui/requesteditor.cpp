#include "ui/requesteditor.h"

#include "ui/autheditor.h"
#include "ui/bodyeditor.h"
#include "ui/fieldmarks.h"
#include "ui/headerseditor.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTabWidget>
#include <QVBoxLayout>

namespace ferry {

namespace {

enum Tab { HeadersTab, AuthTab, BodyTab };

const QString kSendToolTip = QStringLiteral("Send the request (Ctrl+Enter)");
const QString kCancelToolTip = QStringLiteral("Cancel the request in flight (Esc)");

} // namespace

RequestEditor::RequestEditor(QWidget *parent)
    : QWidget(parent)
{
    m_method = new QComboBox(this);
    m_method->setObjectName(QStringLiteral("methodCombo"));
    m_method->setEditable(true);
    m_method->setInsertPolicy(QComboBox::NoInsert);
    m_method->addItems(standardMethods());
    m_method->setMinimumContentsLength(8);
    m_method->setToolTip(QStringLiteral("The method: pick one or type any token"));
    m_method->setAccessibleName(QStringLiteral("Method"));

    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_url->setPlaceholderText(QStringLiteral("https://example.com/path  or  {{$echo}}/get"));
    m_url->setToolTip(QStringLiteral("The URL; {{$echo}} is Ferry's built-in echo server. "
                                     "Press Enter or Ctrl+Enter to send."));
    m_url->setAccessibleName(QStringLiteral("URL"));
    m_url->setClearButtonEnabled(true);

    m_sendButton = new QPushButton(QStringLiteral("Send"), this);
    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    m_sendButton->setToolTip(kSendToolTip);
    m_sendButton->setDefault(true);
    m_sendButton->setMinimumWidth(
        m_sendButton->fontMetrics().horizontalAdvance(QStringLiteral("Cancel")) * 2);

    auto *line = new QHBoxLayout;
    line->addWidget(m_method);
    line->addWidget(m_url, 1);
    line->addWidget(m_sendButton);

    m_problemLabel = new QLabel(this);
    m_problemLabel->setObjectName(QStringLiteral("problemLabel"));
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problemLabel->setStyleSheet(QStringLiteral("color: #c62828; font-weight: 600;"));
    m_problemLabel->hide();

    m_verificationOffLabel =
        new QLabel(QStringLiteral("⚠ Certificate verification is off: Ferry accepts any "
                                  "certificate, even a forged one."),
                   this);
    m_verificationOffLabel->setObjectName(QStringLiteral("verificationOffLabel"));
    m_verificationOffLabel->setWordWrap(true);
    m_verificationOffLabel->setToolTip(
        QStringLiteral("Request ▸ Verify TLS Certificates turns verification back on"));
    m_verificationOffLabel->setStyleSheet(
        QStringLiteral("QLabel { background: #e65100; color: white; font-weight: 600;"
                       " padding: 3px 6px; border-radius: 3px; }"));
    m_verificationOffLabel->hide();

    m_headers = new HeadersEditor(this);
    m_headers->setObjectName(QStringLiteral("headersEditor"));
    m_auth = new AuthEditor(this);
    m_auth->setObjectName(QStringLiteral("authEditor"));
    m_body = new BodyEditor(this);
    m_body->setObjectName(QStringLiteral("bodyPane"));

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("requestTabs"));
    m_tabs->insertTab(HeadersTab, m_headers, QStringLiteral("Headers"));
    m_tabs->insertTab(AuthTab, m_auth, QStringLiteral("Auth"));
    m_tabs->insertTab(BodyTab, m_body, QStringLiteral("Body"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(line);
    layout->addWidget(m_verificationOffLabel);
    layout->addWidget(m_problemLabel);
    layout->addWidget(m_tabs, 1);

    auto edited = [this] {
        if (m_loading)
            return;
        updateTabTitles();
        emit changed();
    };
    connect(m_method, &QComboBox::currentTextChanged, this, edited);
    connect(m_url, &QLineEdit::textChanged, this, edited);
    connect(m_headers, &HeadersEditor::changed, this, edited);
    connect(m_auth, &AuthEditor::changed, this, edited);
    connect(m_body, &BodyEditor::changed, this, edited);

    connect(m_url, &QLineEdit::returnPressed, this, [this] {
        if (!m_busy)
            emit sendRequested();
    });
    connect(m_sendButton, &QPushButton::clicked, this, [this] {
        if (m_busy)
            emit cancelRequested();
        else
            emit sendRequested();
    });

    // Focusing the editor puts the cursor in the URL, where most edits start.
    setFocusProxy(m_url);
    updateTabTitles();
}

Request RequestEditor::request() const
{
    Request request;
    request.method = m_method->currentText();
    request.url = m_url->text();
    request.headers = m_headers->rows();
    request.auth = m_auth->auth();
    request.body = m_body->body();
    request.contentType = m_body->contentType();
    return request;
}

void RequestEditor::setRequest(const Request &request)
{
    // One change notification for the whole request, not one per field.
    m_loading = true;
    m_method->setCurrentText(request.method);
    m_url->setText(request.url);
    m_headers->setRows(request.headers);
    m_auth->setAuth(request.auth);
    m_body->setBody(request.body, request.contentType);
    m_loading = false;

    clearProblems();
    updateTabTitles();
    emit changed();
}

void RequestEditor::showProblems(const QList<FieldProblem> &problems)
{
    clearProblems();
    if (problems.isEmpty())
        return;

    QStringList lines;
    for (const FieldProblem &problem : problems) {
        // The messages name their field and row themselves.
        lines << problem.message;
        switch (problem.field) {
        case RequestField::Method:
            markFieldProblem(m_method, problem.message);
            break;
        case RequestField::Url:
            markFieldProblem(m_url, problem.message);
            break;
        case RequestField::HeaderName:
        case RequestField::HeaderValue:
            m_headers->markProblem(problem.row, problem.field, problem.message);
            break;
        case RequestField::Token:
            m_auth->markTokenProblem(problem.message);
            break;
        case RequestField::ContentType:
            m_body->markContentTypeProblem(problem.message);
            break;
        }
    }
    m_problemLabel->setText(lines.join(u'\n'));
    m_problemLabel->show();
    focusProblem(problems.first());
}

void RequestEditor::focusProblem(const FieldProblem &problem)
{
    switch (problem.field) {
    case RequestField::Method:
        m_method->setFocus(Qt::OtherFocusReason);
        break;
    case RequestField::Url:
        m_url->setFocus(Qt::OtherFocusReason);
        break;
    case RequestField::HeaderName:
    case RequestField::HeaderValue:
        m_tabs->setCurrentIndex(HeadersTab);
        m_headers->focusHeader(problem.row, problem.field);
        break;
    case RequestField::Token:
        m_tabs->setCurrentIndex(AuthTab);
        m_auth->focusToken();
        break;
    case RequestField::ContentType:
        m_tabs->setCurrentIndex(BodyTab);
        m_body->focusContentType();
        break;
    }
}

void RequestEditor::clearProblems()
{
    m_problemLabel->clear();
    m_problemLabel->hide();
    clearFieldProblem(m_method);
    clearFieldProblem(m_url);
    m_headers->clearProblems();
    m_auth->clearProblems();
    m_body->clearProblems();
}

bool RequestEditor::hasProblems() const
{
    return !m_problemLabel->isHidden();
}

void RequestEditor::setBusy(bool busy)
{
    m_busy = busy;
    m_sendButton->setText(busy ? QStringLiteral("Cancel") : QStringLiteral("Send"));
    m_sendButton->setToolTip(busy ? kCancelToolTip : kSendToolTip);
}

void RequestEditor::setVerificationOffWarning(bool shown)
{
    m_verificationOffLabel->setVisible(shown);
}

void RequestEditor::updateTabTitles()
{
    const qsizetype headers = m_headers->rows().size();
    m_tabs->setTabText(HeadersTab, headers ? QStringLiteral("Headers (%1)").arg(headers)
                                           : QStringLiteral("Headers"));
    m_tabs->setTabText(AuthTab, m_auth->auth().kind == AuthKind::Bearer
                                    ? QStringLiteral("Auth (Bearer)")
                                    : QStringLiteral("Auth"));
    m_tabs->setTabText(BodyTab, m_body->body().isEmpty() ? QStringLiteral("Body")
                                                         : QStringLiteral("Body •"));
}

} // namespace ferry
