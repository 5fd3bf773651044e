// @ts-check
/**
 * Progressive enhancement for the Ask forms (the Ask page and the home
 * page's question box). Without it the form posts and the server renders the
 * Ask page with the answer; with it the answer streams into the conversation
 * in place and feedback is sent in place. The server renders every fragment,
 * so this script never builds markup from answer text: streamed text goes in
 * via textContent, the final turn is the server's sanitised HTML.
 */
(() => {
  /**
   * One line of the NDJSON answer stream.
   * @typedef {{ type: 'delta', text: string }
   *   | { type: 'answer', html: string, history: string }
   *   | { type: 'error', message: string }} StreamMessage
   */

  /**
   * An element by id, of the expected type, or null.
   * @template {HTMLElement} T
   * @param {string} id
   * @param {new () => T} type
   * @returns {T | null}
   */
  function byId(id, type) {
    const node = document.getElementById(id);
    return node instanceof type ? node : null;
  }

  const form = byId('ask-form', HTMLFormElement);
  const list = byId('conversation', HTMLElement);
  const status = byId('ask-status', HTMLElement);
  if (!form || !list || !status || !window.fetch || !window.TextDecoder || !window.ReadableStream) return;
  const questionField = form.querySelector('[name="question"]');
  const historyInput = form.querySelector('input[name="history"]');
  const button = form.querySelector('button[type="submit"]');
  const csrfInput = form.querySelector('input[name="_csrf"]');
  if (
    !(questionField instanceof HTMLTextAreaElement || questionField instanceof HTMLInputElement) ||
    !(historyInput instanceof HTMLInputElement) ||
    !(button instanceof HTMLButtonElement) ||
    !(csrfInput instanceof HTMLInputElement)
  )
    return;
  const csrf = csrfInput.value;
  const askForm = form;
  const conversation = list;
  const liveStatus = status;

  /**
   * @param {string} tag
   * @param {string} className
   * @param {string} [text]
   * @returns {HTMLElement}
   */
  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /**
   * The server's rendered fragment as an element.
   * @param {string} markup
   * @returns {Element | null}
   */
  function fromHtml(markup) {
    const template = document.createElement('template');
    template.innerHTML = markup.trim();
    return template.content.firstElementChild;
  }

  /**
   * @param {HTMLElement} turn
   * @param {string} message
   */
  function showError(turn, message) {
    turn.removeAttribute('aria-busy');
    const box = element('div', 'error');
    box.setAttribute('role', 'alert');
    box.appendChild(element('p', '', message));
    const answer = turn.querySelector('.answer');
    if (answer) answer.replaceWith(box);
    else turn.appendChild(box);
  }

  /**
   * Reads an NDJSON response line by line.
   * @param {Response} response
   * @param {(message: StreamMessage) => void} onLine
   * @returns {Promise<void>}
   */
  async function readLines(response, onLine) {
    if (!response.body) return;
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const chunk = await reader.read();
      buffer += decoder.decode(chunk.value || new Uint8Array(), { stream: !chunk.done });
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) onLine(JSON.parse(line));
      if (chunk.done) {
        if (buffer.trim()) onLine(JSON.parse(buffer));
        return;
      }
    }
  }

  askForm.addEventListener('submit', async (event) => {
    const question = questionField.value.trim();
    if (!question) return;
    event.preventDefault();
    document.getElementById('ask-error')?.remove();
    const body = new URLSearchParams(/** @type {any} */ (new FormData(askForm)));
    const turn = element('li', 'turn');
    turn.setAttribute('aria-busy', 'true');
    turn.appendChild(element('h2', 'question', question));
    const answer = element('div', 'answer streaming', 'Thinking…');
    turn.appendChild(answer);
    conversation.hidden = false;
    conversation.appendChild(turn);
    button.disabled = true;
    liveStatus.textContent = 'Thinking…';
    let started = false;
    let finished = false;

    try {
      const response = await fetch(askForm.action, {
        method: 'POST',
        body,
        credentials: 'same-origin',
        headers: { Accept: 'application/x-ndjson', 'X-CSRF-Token': csrf },
      });
      const type = response.headers.get('Content-Type') || '';
      if (type.indexOf('application/x-ndjson') === -1) {
        finished = true;
        const data = await response.json().catch(() => ({}));
        showError(turn, data.error || 'Something went wrong. Please try again.');
      } else {
        await readLines(response, (message) => {
          if (message.type === 'delta') {
            if (!started) {
              answer.textContent = '';
              started = true;
            }
            answer.textContent += message.text;
          } else if (message.type === 'answer') {
            finished = true;
            const node = fromHtml(message.html);
            if (node) turn.replaceWith(node);
            historyInput.value = message.history;
            questionField.value = '';
            const label = askForm.querySelector(`label[for="${questionField.id}"]`);
            if (label) label.textContent = 'Ask a follow-up';
            const restart = document.getElementById('new-conversation');
            if (restart) restart.hidden = false;
            liveStatus.textContent = 'Answer ready.';
          } else if (message.type === 'error') {
            finished = true;
            showError(turn, message.message);
            liveStatus.textContent = message.message;
          }
        });
      }
    } catch {
      finished = true;
      showError(turn, 'The connection was interrupted. Check your network and try again.');
    }
    if (!finished) showError(turn, 'The answer was cut off. Please try again.');
    button.disabled = false;
    questionField.focus();
  });

  // Feedback forms are inserted later, so listen on the document.
  document.addEventListener('submit', async (event) => {
    const target = event.target;
    if (!(target instanceof HTMLFormElement) || !target.classList.contains('feedback-form')) return;
    event.preventDefault();
    const body = new URLSearchParams(/** @type {any} */ (new FormData(target)));
    const submitter = event.submitter;
    if (submitter instanceof HTMLButtonElement && submitter.name) body.set(submitter.name, submitter.value);
    const buttons = target.querySelectorAll('button');
    for (const b of buttons) b.disabled = true;
    try {
      const response = await fetch(target.action, {
        method: 'POST',
        body,
        credentials: 'same-origin',
        headers: { Accept: 'application/json', 'X-CSRF-Token': csrf },
      });
      const data = await response.json();
      const note = element(
        'p',
        response.ok ? 'success' : 'error',
        data.message || data.error || 'Could not send feedback.',
      );
      note.setAttribute('role', 'status');
      target.replaceWith(note);
    } catch {
      for (const b of buttons) b.disabled = false;
    }
  });
})();
