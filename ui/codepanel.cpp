#include "ui/codepanel.h"

#include "core/codegen/snippet.h"
#include "core/validation.h"
#include "ui/codeview.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace ferry {

namespace {

constexpr int kLanguageRole = Qt::UserRole + 1;
const QString kCopyText = QStringLiteral("Copy");

} // namespace

CodePanel::CodePanel(QWidget *parent)
    : QWidget(parent)
{
    m_target = new QComboBox(this);
    m_target->setObjectName(QStringLiteral("codeTargetCombo"));
    m_target->setToolTip(QStringLiteral("The language and library of the code"));
    for (const codegen::TargetInfo &target : codegen::targets()) {
        m_target->addItem(target.label, target.id);
        m_target->setItemData(m_target->count() - 1, target.language, kLanguageRole);
    }

    m_copyButton = new QPushButton(kCopyText, this);
    m_copyButton->setObjectName(QStringLiteral("copyCodeButton"));
    m_copyButton->setToolTip(QStringLiteral("Copy the code to the clipboard"));

    auto *title = new QLabel(QStringLiteral("Code"), this);
    title->setStyleSheet(QStringLiteral("font-weight: 600;"));

    auto *top = new QHBoxLayout;
    top->addWidget(title);
    top->addWidget(m_target);
    top->addStretch();
    top->addWidget(m_copyButton);

    m_view = new CodeView(this);
    m_view->setObjectName(QStringLiteral("codeView"));
    m_view->setAccessibleName(QStringLiteral("Request as code"));
    m_view->setReadOnly(true);

    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("codeNoteLabel"));
    m_note->setWordWrap(true);
    m_note->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note->setStyleSheet(QStringLiteral("QLabel { color: #8a3c00; padding: 6px; }"));
    m_note->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_note, 1);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &CodePanel::regenerate);
    connect(m_target, &QComboBox::currentIndexChanged, this, &CodePanel::regenerate);
    connect(m_copyButton, &QPushButton::clicked, this, &CodePanel::copyToClipboard);

    regenerate();
}

void CodePanel::setRequest(const Request &request)
{
    m_request = request;
    m_debounce.start();
}

void CodePanel::flush()
{
    m_debounce.stop();
    regenerate();
}

QString CodePanel::currentTarget() const
{
    return m_target->currentData().toString();
}

void CodePanel::setCurrentTarget(const QString &id)
{
    const int index = m_target->findData(id);
    if (index >= 0)
        m_target->setCurrentIndex(index);
}

QString CodePanel::code() const
{
    return m_view->text();
}

void CodePanel::regenerate()
{
    m_debounce.stop();
    if (m_target->count() == 0) {
        showCode(QString(), QStringLiteral("No code targets are available."), false);
        return;
    }

    // The rule ferry-cli snippet follows: code only for a request Ferry would send, so no
    // snippet quietly encodes a broken URL or carries a line break inside a header.
    const QList<FieldProblem> problems = validateRequest(m_request);
    if (!problems.isEmpty()) {
        showNote(QStringLiteral("No code: Ferry would not send this request. %1")
                     .arg(problems.first().message));
        return;
    }

    const Result<QString> snippet = codegen::generateSnippet(currentTarget(), m_request);
    showCode(m_target->currentData(kLanguageRole).toString(),
             snippet ? snippet.value() : snippet.error().message, snippet.ok());
}

void CodePanel::showCode(const QString &language, const QString &text, bool copyable)
{
    m_note->hide();
    m_view->setLanguage(language);
    m_view->setText(text);
    m_view->show();
    m_copyButton->setEnabled(copyable);
    emit updated();
}

void CodePanel::showNote(const QString &note)
{
    m_view->clear();
    m_view->hide();
    m_note->setText(note);
    m_note->show();
    m_copyButton->setEnabled(false);
    emit updated();
}

void CodePanel::copyToClipboard()
{
    QApplication::clipboard()->setText(m_view->text());

    // Brief feedback on the button itself, so no dialog interrupts the user.
    m_copyButton->setText(QStringLiteral("Copied"));
    QTimer::singleShot(1500, m_copyButton, [button = m_copyButton] { button->setText(kCopyText); });
}

} // namespace ferry
