#pragma once

#include "core/request.h"
#include "core/validation.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;

namespace ferry {

class AuthEditor;
class BodyEditor;
class HeadersEditor;

// Everything the user edits about one request: the request line (method, URL, Send) and the
// Headers, Auth and Body tabs. It holds no logic beyond turning widgets into a Request and back.
class RequestEditor final : public QWidget {
    Q_OBJECT

public:
    explicit RequestEditor(QWidget *parent = nullptr);

    Request request() const;
    void setRequest(const Request &request);

    // Shows each problem at its field and all of them in a message under the request line.
    void showProblems(const QList<FieldProblem> &problems);
    void clearProblems();
    bool hasProblems() const;

    // While a request is in flight the Send button becomes Cancel.
    void setBusy(bool busy);

    // Shows, under the request line, that certificates are not being verified, for as long
    // as that is so.
    void setVerificationOffWarning(bool shown);

    HeadersEditor *headersEditor() const { return m_headers; }
    AuthEditor *authEditor() const { return m_auth; }
    BodyEditor *bodyEditor() const { return m_body; }

Q_SIGNALS:
    void changed();
    void sendRequested();
    void cancelRequested();

private:
    void updateTabTitles();
    void focusProblem(const FieldProblem &problem);

    QComboBox *m_method = nullptr;
    QLineEdit *m_url = nullptr;
    QPushButton *m_sendButton = nullptr;
    QLabel *m_problemLabel = nullptr;
    QLabel *m_verificationOffLabel = nullptr;
    QTabWidget *m_tabs = nullptr;
    HeadersEditor *m_headers = nullptr;
    AuthEditor *m_auth = nullptr;
    BodyEditor *m_body = nullptr;
    bool m_busy = false;
    bool m_loading = false;
};

} // namespace ferry
