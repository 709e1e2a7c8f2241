#include "ui/mainwindow.h"

#include "ui/codepanel.h"
#include "ui/requestcontroller.h"
#include "ui/requesteditor.h"
#include "ui/responseview.h"
#include "ui/samplerequest.h"

#include "net/httpclient.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>

namespace ferry {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_controller(new RequestController(this))
    , m_presentMessage(
          [](QWidget *parent, MessageKind kind, const QString &title, const QString &text) {
              if (kind == MessageKind::About)
                  QMessageBox::about(parent, title, text);
              else
                  QMessageBox::warning(parent, title, text);
          })
    , m_chooseFile([](QWidget *parent, const QString &title, const QString &filter) {
        return QFileDialog::getOpenFileName(parent, title, QString(), filter);
    })
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("Ferry"));
    resize(1280, 800);

    createActions();
    createMenus();
    createCentralWidget();
    m_response->setProblemPresenter(
        [this](QWidget *parent, const QString &title, const QString &text) {
            m_presentMessage(parent, MessageKind::Problem, title, text);
        });

    m_echoLabel = new QLabel(this);
    m_echoLabel->setObjectName(QStringLiteral("echoServerLabel"));
    m_echoLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_echoLabel->setToolTip(QStringLiteral("Ferry's built-in echo server; use it as {{$echo}}"));
    m_trustedCaLabel = new QLabel(this);
    m_trustedCaLabel->setObjectName(QStringLiteral("trustedCaLabel"));
    m_trustedCaLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_trustedCaLabel->hide();
    statusBar()->addPermanentWidget(m_trustedCaLabel);
    statusBar()->addPermanentWidget(m_echoLabel);
    statusBar()->setObjectName(QStringLiteral("statusBar"));

    connect(m_controller, &RequestController::problemsFound, m_editor,
            &RequestEditor::showProblems);
    // Whatever the response view showed belongs to an earlier request now.
    connect(m_controller, &RequestController::problemsFound, m_response,
            &ResponseView::showNotSent);
    connect(m_controller, &RequestController::busyChanged, this, &MainWindow::setBusy);
    connect(m_controller, &RequestController::responseReady, m_response,
            &ResponseView::showResponse);
    connect(m_controller, &RequestController::echoServerStarted, this, &MainWindow::showEchoServer);
    connect(m_editor, &RequestEditor::changed, this, &MainWindow::requestEdited);
    connect(m_editor, &RequestEditor::sendRequested, this, &MainWindow::send);
    connect(m_editor, &RequestEditor::cancelRequested, this, &MainWindow::cancel);

    // A first launch opens a request that works offline, against the echo server.
    setRequest(sampleRequest());
    m_code->flush();
    m_editor->setFocus(Qt::OtherFocusReason);
}

MainWindow::~MainWindow() = default;

void MainWindow::setMessagePresenter(MessagePresenter presenter)
{
    m_presentMessage = std::move(presenter);
}

void MainWindow::setFileChooser(FileChooser chooser)
{
    m_chooseFile = std::move(chooser);
}

void MainWindow::setRequest(const Request &request)
{
    m_editor->setRequest(request);
}

Request MainWindow::request() const
{
    return m_editor->request();
}

void MainWindow::createActions()
{
    m_sendAction = new QAction(QStringLiteral("&Send"), this);
    m_sendAction->setObjectName(QStringLiteral("sendAction"));
    m_sendAction->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_sendAction->setShortcutContext(Qt::WindowShortcut);
    m_sendAction->setToolTip(QStringLiteral("Send the request (Ctrl+Enter)"));
    connect(m_sendAction, &QAction::triggered, this, &MainWindow::send);

    m_cancelAction = new QAction(QStringLiteral("&Cancel"), this);
    m_cancelAction->setObjectName(QStringLiteral("cancelAction"));
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setShortcutContext(Qt::WindowShortcut);
    m_cancelAction->setToolTip(QStringLiteral("Cancel the request in flight (Esc)"));
    // Only while a request is in flight, so Esc keeps its usual meaning otherwise.
    m_cancelAction->setEnabled(false);
    connect(m_cancelAction, &QAction::triggered, this, &MainWindow::cancel);

    m_trustCaAction = new QAction(QStringLiteral("&Trust a CA Certificate…"), this);
    m_trustCaAction->setObjectName(QStringLiteral("trustCaAction"));
    m_trustCaAction->setToolTip(
        QStringLiteral("Trust the certificate authorities in a PEM or DER file for the rest of "
                       "this session, to reach servers signed by a private CA"));
    connect(m_trustCaAction, &QAction::triggered, this, &MainWindow::trustCaCertificate);

    m_verifyTlsAction = new QAction(QStringLiteral("&Verify TLS Certificates"), this);
    m_verifyTlsAction->setObjectName(QStringLiteral("verifyTlsAction"));
    m_verifyTlsAction->setCheckable(true);
    m_verifyTlsAction->setChecked(true);
    m_verifyTlsAction->setToolTip(
        QStringLiteral("Refuse servers whose certificate is expired, for another host or "
                       "signed by an authority Ferry does not trust"));
    connect(m_verifyTlsAction, &QAction::toggled, this, &MainWindow::setVerifyTls);

    m_quitAction = new QAction(QStringLiteral("&Quit"), this);
    m_quitAction->setObjectName(QStringLiteral("quitAction"));
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setToolTip(
        QStringLiteral("Quit Ferry (%1)")
            .arg(QKeySequence(QKeySequence::Quit).toString(QKeySequence::NativeText)));
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_aboutAction = new QAction(QStringLiteral("&About Ferry"), this);
    m_aboutAction->setObjectName(QStringLiteral("aboutAction"));
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);

    // Window-wide, whichever widget has the focus.
    addAction(m_sendAction);
    addAction(m_cancelAction);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(QStringLiteral("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    file->addAction(m_quitAction);

    QMenu *request = menuBar()->addMenu(QStringLiteral("&Request"));
    request->setObjectName(QStringLiteral("requestMenu"));
    request->addAction(m_sendAction);
    request->addAction(m_cancelAction);
    request->addSeparator();
    request->addAction(m_trustCaAction);
    request->addAction(m_verifyTlsAction);

    QMenu *help = menuBar()->addMenu(QStringLiteral("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    help->addAction(m_aboutAction);
}

void MainWindow::createCentralWidget()
{
    m_editor = new RequestEditor(this);
    m_editor->setObjectName(QStringLiteral("requestEditor"));
    m_code = new CodePanel(this);
    m_code->setObjectName(QStringLiteral("codePanel"));
    m_response = new ResponseView(this);
    m_response->setObjectName(QStringLiteral("responseView"));

    m_leftSplitter = new QSplitter(Qt::Vertical, this);
    m_leftSplitter->setObjectName(QStringLiteral("requestSplitter"));
    m_leftSplitter->addWidget(m_editor);
    m_leftSplitter->addWidget(m_code);
    m_leftSplitter->setStretchFactor(0, 3);
    m_leftSplitter->setStretchFactor(1, 2);
    m_leftSplitter->setSizes({460, 300});

    m_mainSplitter = new QSplitter(Qt::Horizontal, this);
    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    m_mainSplitter->addWidget(m_leftSplitter);
    m_mainSplitter->addWidget(m_response);
    m_mainSplitter->setStretchFactor(0, 1);
    m_mainSplitter->setStretchFactor(1, 1);
    m_mainSplitter->setSizes({640, 640});
    setCentralWidget(m_mainSplitter);
}

void MainWindow::send()
{
    if (m_controller->isBusy())
        return;

    m_editor->clearProblems();
    m_controller->send(m_editor->request());
}

void MainWindow::cancel()
{
    m_controller->cancel();
}

void MainWindow::requestEdited()
{
    m_editor->clearProblems();
    m_code->setRequest(m_controller->resolve(m_editor->request()));
}

void MainWindow::setBusy(bool busy)
{
    m_editor->setBusy(busy);
    m_sendAction->setEnabled(!busy);
    m_cancelAction->setEnabled(busy);
    if (busy)
        m_response->showSending();
}

void MainWindow::showEchoServer(const QUrl &baseUrl)
{
    m_echoLabel->setText(
        QStringLiteral("Echo server: %1").arg(baseUrl.toString(QUrl::StripTrailingSlash)));
}

void MainWindow::showAbout()
{
    const QString text =
        QStringLiteral("<h3>Ferry %1</h3>"
                       "<p>A native desktop HTTP request tester.</p>"
                       "<p>Ctrl+Enter sends the request, Esc cancels it. "
                       "<tt>{{$echo}}</tt> is the address of Ferry's built-in echo server.</p>"
                       "<p>Built with Qt %2.</p>")
            .arg(QStringLiteral(FERRY_VERSION), QString::fromLatin1(qVersion()));
    m_presentMessage(this, MessageKind::About, QStringLiteral("About Ferry"), text);
}

void MainWindow::trustCaCertificate()
{
    const QString title = QStringLiteral("Trust a CA Certificate");
    const QString path = m_chooseFile(
        this, title, QStringLiteral("Certificates (*.pem *.crt *.cer *.der);;All files (*)"));
    if (path.isEmpty())
        return;

    const Result<QList<QSslCertificate>> loaded = loadCaCertificates(path);
    if (!loaded) {
        m_presentMessage(this, MessageKind::Problem, title,
                         QStringLiteral("%1\n\nFerry trusts no new certificate authority.")
                             .arg(loaded.error().message));
        return;
    }

    SendOptions options = m_controller->sendOptions();
    for (const QSslCertificate &certificate : loaded.value()) {
        if (!options.extraCaCertificates.contains(certificate))
            options.extraCaCertificates.append(certificate);
    }
    m_controller->setSendOptions(options);

    const QString shown = QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath());
    if (!m_trustedCaFiles.contains(shown))
        m_trustedCaFiles << shown;
    QStringList names;
    for (const QString &file : std::as_const(m_trustedCaFiles))
        names << QFileInfo(file).fileName();
    m_trustedCaLabel->setText(QStringLiteral("Trusted CA: %1").arg(names.join(u", ")));
    m_trustedCaLabel->setToolTip(
        QStringLiteral("Certificate authorities trusted for this session, besides the "
                       "system's:\n%1")
            .arg(m_trustedCaFiles.join(u'\n')));
    m_trustedCaLabel->show();
}

void MainWindow::setVerifyTls(bool verify)
{
    SendOptions options = m_controller->sendOptions();
    options.insecure = !verify;
    m_controller->setSendOptions(options);
    m_editor->setVerificationOffWarning(!verify);
}

} // namespace ferry
