#include "ui/responseview.h"

#include "core/json/jsonformatter.h"
#include "ui/codeview.h"

#include <QFuture>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPromise>
#include <QStackedWidget>
#include <QStringDecoder>
#include <QTabWidget>
#include <QTableWidget>
#include <QThreadPool>
#include <QVBoxLayout>

#include <memory>

namespace ferry {

namespace {

enum Page { PlaceholderPage, ResponsePage, FailurePage };
enum ResponseTab { BodyTab, HeadersTab };

// Bodies up to this size are formatted at once; larger ones off the UI thread, so a big
// download never freezes the window.
constexpr qsizetype kSynchronousFormatLimit = 256 * 1024;
constexpr int kErrorLineMarker = 1;

QString statusColor(const QString &statusClass)
{
    if (statusClass == u"success")
        return QStringLiteral("#2e7d32");
    if (statusClass == u"redirect")
        return QStringLiteral("#1565c0");
    if (statusClass == u"client-error")
        return QStringLiteral("#e65100");
    if (statusClass == u"server-error" || statusClass == u"failure")
        return QStringLiteral("#c62828");
    return QStringLiteral("#607d8b");
}

QByteArray charsetOf(const QByteArray &contentType)
{
    for (const QByteArray &parameter : contentType.split(';')) {
        const QByteArray trimmed = parameter.trimmed();
        if (trimmed.toLower().startsWith("charset="))
            return trimmed.mid(8).trimmed().replace('"', QByteArray());
    }
    return {};
}

QString languageFor(const QByteArray &contentType)
{
    const QByteArray type = contentType.toLower();
    if (type.contains("html"))
        return QStringLiteral("html");
    if (type.contains("xml"))
        return QStringLiteral("xml");
    return {};
}

QString failureTitle(FailureKind kind)
{
    switch (kind) {
    case FailureKind::None:
        break;
    case FailureKind::InvalidRequest:
        return QStringLiteral("The request was not sent");
    case FailureKind::ConnectionRefused:
        return QStringLiteral("Connection refused");
    case FailureKind::HostNotFound:
        return QStringLiteral("Host not found");
    case FailureKind::Timeout:
        return QStringLiteral("No answer in time");
    case FailureKind::Tls:
        return QStringLiteral("The secure connection failed");
    case FailureKind::Canceled:
        return QStringLiteral("Request canceled");
    case FailureKind::Network:
        break;
    }
    return QStringLiteral("No response");
}

QLabel *makeInfoLabel(const QString &objectName, const QString &toolTip, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setToolTip(toolTip);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

struct ResponseView::BodyPresentation {
    QString text;
    QString language;  // for CodeView::setLanguage; empty for plain text
    QString note;      // shown above the body when not empty
    int errorLine = 0; // 1-based line where the JSON stopped being valid; 0 for none
};

ResponseView::ResponseView(QWidget *parent)
    : QWidget(parent)
{
    m_status = makeInfoLabel(QStringLiteral("statusLabel"), QStringLiteral("Status"), this);
    m_time = makeInfoLabel(QStringLiteral("timeLabel"),
                           QStringLiteral("Total time, from sending to the last byte"), this);
    m_size = makeInfoLabel(QStringLiteral("sizeLabel"), QStringLiteral("Size of the body"), this);
    m_version = makeInfoLabel(QStringLiteral("httpVersionLabel"),
                              QStringLiteral("HTTP version of the response"), this);
    for (QLabel *label : {m_time, m_size, m_version})
        label->setStyleSheet(QStringLiteral("color: #5f6b73;"));

    auto *summary = new QHBoxLayout;
    summary->addWidget(m_status);
    summary->addSpacing(12);
    summary->addWidget(m_time);
    summary->addSpacing(12);
    summary->addWidget(m_size);
    summary->addSpacing(12);
    summary->addWidget(m_version);
    summary->addStretch();

    m_placeholder = new QLabel(this);
    m_placeholder->setObjectName(QStringLiteral("responsePlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setEnabled(false);

    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("responseNoteLabel"));
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note->setStyleSheet(QStringLiteral("QLabel { background: #fff3e0; color: #8a3c00;"
                                         " border: 1px solid #ffb74d; padding: 4px; }"));
    m_note->hide();

    m_body = new CodeView(this);
    m_body->setObjectName(QStringLiteral("responseBody"));
    m_body->setAccessibleName(QStringLiteral("Response body"));
    m_body->setReadOnly(true);
    m_body->setWrapMode(QsciScintilla::WrapWord);
    m_body->markerDefine(QsciScintilla::Background, kErrorLineMarker);
    m_body->setMarkerBackgroundColor(QColor(0xff, 0xdc, 0xdc), kErrorLineMarker);

    auto *bodyPage = new QWidget(this);
    auto *bodyLayout = new QVBoxLayout(bodyPage);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addWidget(m_note);
    bodyLayout->addWidget(m_body, 1);

    m_headers = new QTableWidget(0, 2, this);
    m_headers->setObjectName(QStringLiteral("responseHeadersTable"));
    m_headers->setHorizontalHeaderLabels({QStringLiteral("Name"), QStringLiteral("Value")});
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->setColumnWidth(0, 200);
    m_headers->verticalHeader()->setVisible(false);
    m_headers->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_headers->setWordWrap(false);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("responseTabs"));
    m_tabs->insertTab(BodyTab, bodyPage, QStringLiteral("Body"));
    m_tabs->insertTab(HeadersTab, m_headers, QStringLiteral("Headers"));

    m_failureTitle = new QLabel(this);
    m_failureTitle->setObjectName(QStringLiteral("failureTitleLabel"));
    m_failureTitle->setStyleSheet(QStringLiteral("font-size: 14pt; font-weight: 600;"));
    m_failureDetails = new QPlainTextEdit(this);
    m_failureDetails->setObjectName(QStringLiteral("failureDetails"));
    m_failureDetails->setReadOnly(true);
    m_failureDetails->setFrameShape(QFrame::NoFrame);
    m_failureDetails->setTextInteractionFlags(Qt::TextSelectableByMouse
                                              | Qt::TextSelectableByKeyboard);

    auto *failurePage = new QWidget(this);
    auto *failureLayout = new QVBoxLayout(failurePage);
    failureLayout->addWidget(m_failureTitle);
    failureLayout->addWidget(m_failureDetails, 1);

    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(QStringLiteral("responsePages"));
    m_pages->insertWidget(PlaceholderPage, m_placeholder);
    m_pages->insertWidget(ResponsePage, m_tabs);
    m_pages->insertWidget(FailurePage, failurePage);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(summary);
    layout->addWidget(m_pages, 1);

    clear();
}

void ResponseView::clear()
{
    ++m_generation;
    setStatusText(QString(), QString());
    m_time->clear();
    m_size->clear();
    m_version->clear();
    m_placeholder->setText(QStringLiteral("Send a request to see its response here.\n\n"
                                          "Ctrl+Enter sends, Esc cancels."));
    m_pages->setCurrentIndex(PlaceholderPage);
}

void ResponseView::showSending()
{
    ++m_generation;
    setStatusText(QStringLiteral("Sending…"), QString());
    m_time->clear();
    m_size->clear();
    m_version->clear();
    m_placeholder->setText(QStringLiteral("Waiting for the response…\n\nEsc cancels."));
    m_pages->setCurrentIndex(PlaceholderPage);
}

void ResponseView::showResponse(const Response &response)
{
    const quint64 generation = ++m_generation;
    if (!response.succeeded()) {
        showFailure(response);
        return;
    }

    showStatus(response);
    showHeaders(response);
    m_pages->setCurrentIndex(ResponsePage);

    const QByteArray contentType = response.header("Content-Type");
    if (response.body.size() <= kSynchronousFormatLimit) {
        showBody(present(contentType, response.body));
        return;
    }

    m_note->hide();
    m_body->setLanguage(QString());
    m_body->setText(QStringLiteral("Formatting %1…").arg(formatSize(response.body.size())));

    auto promise = std::make_shared<QPromise<BodyPresentation>>();
    QFuture<BodyPresentation> future = promise->future();
    promise->start();
    QThreadPool::globalInstance()->start([promise, contentType, body = response.body] {
        promise->addResult(present(contentType, body));
        promise->finish();
    });
    // The view as context: if it is gone by then, the continuation never runs.
    future.then(this, [this, generation](BodyPresentation presentation) {
        if (generation == m_generation)
            showBody(presentation);
    });
}

void ResponseView::showStatus(const Response &response)
{
    const QString reason =
        response.reason.isEmpty() ? reasonPhrase(response.statusCode) : response.reason;
    setStatusText(QStringLiteral("%1 %2").arg(response.statusCode).arg(reason).trimmed(),
                  response.statusClass());
    m_time->setText(response.timings.totalMs >= 0 ? formatDuration(response.timings.totalMs)
                                                  : QString());
    m_size->setText(formatSize(response.body.size()));
    m_version->setText(response.httpVersion);
}

void ResponseView::showHeaders(const Response &response)
{
    m_headers->setRowCount(0);
    for (const WireHeader &header : response.headers) {
        const int row = m_headers->rowCount();
        m_headers->insertRow(row);
        const QString value = QString::fromUtf8(header.value);
        auto *valueItem = new QTableWidgetItem(value);
        valueItem->setToolTip(value);
        m_headers->setItem(row, 0, new QTableWidgetItem(QString::fromUtf8(header.name)));
        m_headers->setItem(row, 1, valueItem);
    }
    m_tabs->setTabText(HeadersTab, QStringLiteral("Headers (%1)").arg(response.headers.size()));
}

ResponseView::BodyPresentation ResponseView::present(const QByteArray &contentType,
                                                     const QByteArray &body)
{
    BodyPresentation out;
    if (body.isEmpty()) {
        out.note = QStringLiteral("The response has no body.");
        return out;
    }

    const QByteArray charset = charsetOf(contentType);
    QStringDecoder decoder(charset.isEmpty() ? "UTF-8" : charset.constData());
    if (!decoder.isValid())
        decoder = QStringDecoder(QStringDecoder::Utf8);
    const QString text = decoder.decode(body);
    if (decoder.hasError() || body.contains('\0')) {
        out.note =
            QStringLiteral("The body is binary data (%1%2); Ferry shows text bodies only.")
                .arg(formatSize(body.size()),
                     contentType.isEmpty() ? QString()
                                           : QStringLiteral(", ") + QString::fromUtf8(contentType));
        return out;
    }

    if (!json::looksLikeJson(contentType, body)) {
        out.text = text;
        out.language = languageFor(contentType);
        return out;
    }

    out.language = QStringLiteral("json");
    const json::FormatOutcome formatted = json::format(body);
    if (!formatted.error) {
        out.text = QString::fromUtf8(formatted.text);
        return out;
    }
    // Broken JSON is shown exactly as it came, with where it broke.
    out.text = text;
    out.note =
        QStringLiteral("Not valid JSON, shown as received: %1").arg(formatted.error->describe());
    out.errorLine = formatted.error->line;
    return out;
}

void ResponseView::showBody(const BodyPresentation &presentation)
{
    m_body->setLanguage(presentation.language);
    m_body->setText(presentation.text);
    m_body->markerDeleteAll(kErrorLineMarker);
    if (presentation.errorLine > 0) {
        m_body->markerAdd(presentation.errorLine - 1, kErrorLineMarker);
        m_body->ensureLineVisible(presentation.errorLine - 1);
    }

    m_note->setText(presentation.note);
    m_note->setVisible(!presentation.note.isEmpty());
    m_tabs->setCurrentIndex(BodyTab);
    emit bodyShown();
}

void ResponseView::showFailure(const Response &response)
{
    const bool canceled = response.failure == FailureKind::Canceled;
    setStatusText(canceled ? QStringLiteral("Canceled") : QStringLiteral("Failed"),
                  canceled ? QString() : QStringLiteral("failure"));
    m_time->setText(response.timings.totalMs >= 0 ? formatDuration(response.timings.totalMs)
                                                  : QString());
    m_size->clear();
    m_version->clear();

    QStringList parts;
    parts << (response.failureMessage.isEmpty() ? QStringLiteral("No HTTP response arrived.")
                                                : response.failureMessage);
    if (!response.tlsErrors.isEmpty()) {
        QStringList errors;
        for (const QString &error : response.tlsErrors)
            errors << QStringLiteral("  • %1").arg(error);
        parts << QStringLiteral("Certificate problems:\n%1").arg(errors.join(u'\n'));
    }
    for (qsizetype i = 0; i < response.certificateChain.size(); ++i) {
        parts << QStringLiteral("Certificate %1 of %2:\n%3")
                     .arg(i + 1)
                     .arg(response.certificateChain.size())
                     .arg(response.certificateChain.at(i).describe());
    }

    m_failureTitle->setText(failureTitle(response.failure));
    m_failureTitle->setStyleSheet(
        QStringLiteral("font-size: 14pt; font-weight: 600; color: %1;")
            .arg(canceled ? statusColor(QString()) : statusColor(QStringLiteral("failure"))));
    m_failureDetails->setPlainText(parts.join(QStringLiteral("\n\n")));
    m_pages->setCurrentIndex(FailurePage);
}

void ResponseView::setStatusText(const QString &text, const QString &statusClass)
{
    m_status->setText(text);
    m_status->setProperty("statusClass", statusClass);
    m_status->setStyleSheet(
        QStringLiteral("QLabel { color: %1; font-weight: 700; }").arg(statusColor(statusClass)));
}

QString ResponseView::formatSize(qint64 bytes)
{
    if (bytes == 1)
        return QStringLiteral("1 byte");
    if (bytes < 1024)
        return QStringLiteral("%1 bytes").arg(bytes);

    const char *const units[] = {"KB", "MB", "GB", "TB"};
    double value = double(bytes) / 1024.0;
    int unit = 0;
    while (value >= 1024.0 && unit < 3) {
        value /= 1024.0;
        ++unit;
    }
    return QStringLiteral("%1 %2").arg(value, 0, 'f', 1).arg(QLatin1StringView(units[unit]));
}

QString ResponseView::formatDuration(qint64 milliseconds)
{
    if (milliseconds < 1000)
        return QStringLiteral("%1 ms").arg(milliseconds);
    return QStringLiteral("%1 s").arg(double(milliseconds) / 1000.0, 0, 'f', 2);
}

} // namespace ferry
