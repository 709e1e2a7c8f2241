#pragma once

#include "core/request.h"

#include <QMainWindow>

#include <functional>

class QAction;
class QLabel;
class QSplitter;

namespace ferry {

class CodePanel;
class RequestController;
class RequestEditor;
class ResponseView;

// Ferry's window: the request editor and the code panel on the left, the response on the
// right. It wires the widgets to the controller and adds the menus and window-wide shortcuts
// (Ctrl+Enter sends from anywhere, Esc cancels).
class MainWindow final : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // About Ferry, or a problem the user has to know of (a file that could not be read).
    enum class MessageKind { About, Problem };

    // Shows a message. The default is a modal QMessageBox; tests install one that records the
    // text instead, so no dialog waits for a click.
    using MessagePresenter = std::function<void(QWidget *parent, MessageKind kind,
                                                const QString &title, const QString &text)>;
    void setMessagePresenter(MessagePresenter presenter);

    // Asks for a file to open and returns its path, or an empty string when the user cancels.
    // The default is a QFileDialog; tests install one that answers at once.
    using FileChooser =
        std::function<QString(QWidget *parent, const QString &title, const QString &filter)>;
    void setFileChooser(FileChooser chooser);

    void setRequest(const Request &request);
    Request request() const;

    RequestController *controller() const { return m_controller; }

private:
    void createActions();
    void createMenus();
    void createCentralWidget();
    void send();
    void cancel();
    void requestEdited();
    void setBusy(bool busy);
    void showEchoServer(const QUrl &baseUrl);
    void showAbout();
    void trustCaCertificate();
    void setVerifyTls(bool verify);

    RequestController *m_controller = nullptr;
    RequestEditor *m_editor = nullptr;
    ResponseView *m_response = nullptr;
    CodePanel *m_code = nullptr;
    QSplitter *m_mainSplitter = nullptr;
    QSplitter *m_leftSplitter = nullptr;
    QLabel *m_echoLabel = nullptr;
    QLabel *m_trustedCaLabel = nullptr;
    QAction *m_sendAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_trustCaAction = nullptr;
    QAction *m_verifyTlsAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
    MessagePresenter m_presentMessage;
    FileChooser m_chooseFile;
    // The CA files trusted in this session, as the user picked them.
    QStringList m_trustedCaFiles;
};

} // namespace ferry
