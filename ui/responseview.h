#pragma once

#include "core/response.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTableWidget;

namespace ferry {

class CodeView;

// The answer to the last request: status, time, size and HTTP version on top, then the body
// (formatted when it is JSON) and the headers. A request that got no answer replaces all this
// with a panel that says why.
class ResponseView final : public QWidget {
    Q_OBJECT

public:
    explicit ResponseView(QWidget *parent = nullptr);

    void showSending();
    void showResponse(const Response &response);
    // The request was refused before sending: whatever was shown belonged to another request.
    void showNotSent();
    void clear();

    // Puts the cursor where the JSON body stopped being valid and scrolls it into view.
    void goToError();

    // "512 bytes", "1.5 KB", "3.2 MB": the body size as a person reads it.
    static QString formatSize(qint64 bytes);
    // "85 ms", "1.24 s".
    static QString formatDuration(qint64 milliseconds);

Q_SIGNALS:
    // The body is on screen (formatting large bodies happens off the UI thread).
    void bodyShown();

private:
    struct BodyPresentation;
    static BodyPresentation present(const QByteArray &contentType, const QByteArray &body);
    void showStatus(const Response &response);
    void showHeaders(const Response &response);
    void showBody(const BodyPresentation &presentation);
    void showFailure(const Response &response);
    void showPlaceholder(const QString &status, const QString &text);
    long errorPosition() const;
    void setStatusText(const QString &text, const QString &statusClass);

    QLabel *m_status = nullptr;
    QLabel *m_time = nullptr;
    QLabel *m_size = nullptr;
    QLabel *m_version = nullptr;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_placeholder = nullptr;
    QTabWidget *m_tabs = nullptr;
    QWidget *m_noteRow = nullptr;
    QLabel *m_note = nullptr;
    QPushButton *m_goToError = nullptr;
    CodeView *m_body = nullptr;
    QTableWidget *m_headers = nullptr;
    QLabel *m_failureTitle = nullptr;
    QPlainTextEdit *m_failureDetails = nullptr;
    // Where the shown JSON body stopped being valid, 0-based; -1 when it is valid.
    int m_errorLine = -1;
    int m_errorIndex = -1;
    // Counts responses, so a body formatted for an older response is never shown.
    quint64 m_generation = 0;
};

} // namespace ferry
