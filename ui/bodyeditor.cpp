#include "ui/bodyeditor.h"

#include "core/json/jsonformatter.h"
#include "ui/codeview.h"
#include "ui/fieldmarks.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace ferry {

namespace {

const QString kNoContentType = QStringLiteral("none");
// What a body typed into the JSON editor is, unless the user says otherwise.
const QString kDefaultContentType = QStringLiteral("application/json");

} // namespace

BodyEditor::BodyEditor(QWidget *parent)
    : QWidget(parent)
{
    m_contentType = new QComboBox(this);
    m_contentType->setObjectName(QStringLiteral("contentTypeCombo"));
    m_contentType->setEditable(true);
    m_contentType->setInsertPolicy(QComboBox::NoInsert);
    m_contentType->addItems({kNoContentType, kDefaultContentType, QStringLiteral("text/plain"),
                             QStringLiteral("application/x-www-form-urlencoded"),
                             QStringLiteral("application/xml")});
    m_contentType->setMinimumContentsLength(28);
    m_contentType->setToolTip(
        QStringLiteral("The body's type, sent as Content-Type unless a header row sets one"));
    m_contentType->lineEdit()->setObjectName(QStringLiteral("contentTypeEdit"));
    m_contentType->setCurrentIndex(m_contentType->findText(kDefaultContentType));

    m_formatButton = new QPushButton(QStringLiteral("Format JSON"), this);
    m_formatButton->setObjectName(QStringLiteral("formatBodyButton"));
    m_formatButton->setToolTip(QStringLiteral("Pretty-print the body as JSON"));

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(QStringLiteral("Content type"), this));
    top->addWidget(m_contentType);
    top->addStretch();
    top->addWidget(m_formatButton);

    m_editor = new CodeView(this);
    m_editor->setObjectName(QStringLiteral("bodyEditor"));
    m_editor->setAccessibleName(QStringLiteral("Request body"));
    m_editor->setLanguage(QStringLiteral("json"));

    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("bodyNoteLabel"));
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_note->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_note);

    connect(m_editor, &QsciScintilla::textChanged, this, [this] {
        m_note->hide();
        emit changed();
    });
    connect(m_contentType, &QComboBox::currentTextChanged, this, [this] {
        showLanguage();
        emit changed();
    });
    connect(m_formatButton, &QPushButton::clicked, this, &BodyEditor::formatBody);
}

QByteArray BodyEditor::body() const
{
    return m_editor->text().toUtf8();
}

QString BodyEditor::contentType() const
{
    const QString text = m_contentType->currentText().trimmed();
    return text == kNoContentType ? QString() : text;
}

void BodyEditor::setBody(const QByteArray &body, const QString &contentType)
{
    {
        const QSignalBlocker editorBlocker(m_editor);
        const QSignalBlocker typeBlocker(m_contentType);
        m_editor->setText(QString::fromUtf8(body));
        // No type for a body means "none"; a request without a body has nothing to send a
        // type for, so the editor keeps the default ready for a body the user types next.
        QString type = contentType;
        if (type.trimmed().isEmpty())
            type = body.isEmpty() ? kDefaultContentType : kNoContentType;
        const int index = m_contentType->findText(type);
        if (index >= 0)
            m_contentType->setCurrentIndex(index);
        else
            m_contentType->setEditText(type);
    }
    m_note->hide();
    showLanguage();
    emit changed();
}

void BodyEditor::markContentTypeProblem(const QString &message)
{
    markFieldProblem(m_contentType, message);
}

void BodyEditor::clearProblems()
{
    clearFieldProblem(m_contentType);
}

void BodyEditor::focusContentType()
{
    m_contentType->setFocus(Qt::OtherFocusReason);
}

void BodyEditor::formatBody()
{
    const QByteArray text = body();
    if (text.trimmed().isEmpty())
        return;

    const json::FormatOutcome outcome = json::format(text);
    if (outcome.error) {
        m_note->setText(
            QStringLiteral("The body is not valid JSON: %1").arg(outcome.error->describe()));
        m_note->show();
        m_editor->setCursorPosition(qMax(0, outcome.error->line - 1),
                                    qMax(0, outcome.error->column - 1));
        m_editor->setFocus(Qt::OtherFocusReason);
        return;
    }
    // Replaces the text as one undoable step.
    m_editor->selectAll();
    m_editor->replaceSelectedText(QString::fromUtf8(outcome.text));
}

void BodyEditor::showLanguage()
{
    const QString type = contentType().toLower();
    if (type.contains(u"xml"))
        m_editor->setLanguage(QStringLiteral("xml"));
    else if (type.isEmpty() || type.contains(u"json"))
        m_editor->setLanguage(QStringLiteral("json"));
    else
        m_editor->setLanguage(QString());
}

} // namespace ferry
