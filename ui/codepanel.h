#pragma once

#include "core/request.h"

#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;

namespace ferry {

class CodeView;

// The request as code in the language the user picks (cURL, fetch, requests, ...), ready to
// copy. It follows the request as it is edited, a moment after the typing pauses.
class CodePanel final : public QWidget {
    Q_OBJECT

public:
    explicit CodePanel(QWidget *parent = nullptr);

    // The request to show, with its variables already resolved.
    void setRequest(const Request &request);
    // Regenerates now instead of after the pause.
    void flush();

    QString currentTarget() const;
    void setCurrentTarget(const QString &id);
    // The code on screen; empty while the request is one Ferry would not send.
    QString code() const;

    // How long the panel waits after the last edit before regenerating.
    static constexpr int kDebounceMs = 150;

Q_SIGNALS:
    // The code on screen was regenerated.
    void updated();

private:
    void regenerate();
    void showCode(const QString &language, const QString &text, bool copyable);
    void showNote(const QString &note);
    void copyToClipboard();

    QComboBox *m_target = nullptr;
    QPushButton *m_copyButton = nullptr;
    CodeView *m_view = nullptr;
    QLabel *m_note = nullptr;
    QTimer m_debounce;
    Request m_request;
};

} // namespace ferry
