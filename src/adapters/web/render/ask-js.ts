/**
 * Progressive enhancement for the Ask page (served as /assets/ask.<hash>.js).
 * Without it the form posts and the server renders the page; with it the
 * answer streams into the conversation and feedback is sent in place. The
 * server renders every fragment, so this script never builds markup from
 * answer text: streamed text goes in via textContent, the final turn is the
 * server's sanitised HTML.
 */
export const ASK_JS = String.raw`
(function () {
  'use strict';
  var form = document.getElementById('ask-form');
  if (!form || !window.fetch || !window.TextDecoder || !window.ReadableStream) return;
  var list = document.getElementById('conversation');
  var status = document.getElementById('ask-status');
  var textarea = form.querySelector('textarea[name="question"]');
  var historyInput = form.querySelector('input[name="history"]');
  var button = form.querySelector('button[type="submit"]');
  var csrf = form.querySelector('input[name="_csrf"]').value;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function fromHtml(markup) {
    var template = document.createElement('template');
    template.innerHTML = markup.trim();
    return template.content.firstElementChild;
  }

  function showError(turn, message) {
    turn.removeAttribute('aria-busy');
    var box = element('div', 'error');
    box.setAttribute('role', 'alert');
    box.appendChild(element('p', '', message));
    var answer = turn.querySelector('.answer');
    if (answer) answer.replaceWith(box); else turn.appendChild(box);
  }

  function readLines(response, onLine) {
    var reader = response.body.getReader();
    var decoder = new TextDecoder();
    var buffer = '';
    function pump() {
      return reader.read().then(function (chunk) {
        buffer += decoder.decode(chunk.value || new Uint8Array(), { stream: !chunk.done });
        var lines = buffer.split('\n');
        buffer = lines.pop();
        lines.forEach(function (line) { if (line.trim()) onLine(JSON.parse(line)); });
        if (chunk.done) { if (buffer.trim()) onLine(JSON.parse(buffer)); return; }
        return pump();
      });
    }
    return pump();
  }

  form.addEventListener('submit', function (event) {
    var question = textarea.value.trim();
    if (!question) return;
    event.preventDefault();
    var oldError = document.getElementById('ask-error');
    if (oldError) oldError.remove();
    var body = new URLSearchParams(new FormData(form));
    var turn = element('li', 'turn');
    turn.setAttribute('aria-busy', 'true');
    turn.appendChild(element('p', 'question', question));
    var answer = element('div', 'answer streaming', 'Thinking…');
    turn.appendChild(answer);
    list.appendChild(turn);
    button.disabled = true;
    status.textContent = 'Thinking…';
    var started = false;
    var finished = false;

    fetch(form.action, {
      method: 'POST',
      body: body,
      credentials: 'same-origin',
      headers: { 'Accept': 'application/x-ndjson', 'X-CSRF-Token': csrf }
    }).then(function (response) {
      var type = response.headers.get('Content-Type') || '';
      if (type.indexOf('application/x-ndjson') === -1) {
        return response.json().then(function (data) { finished = true; showError(turn, data.error || 'Something went wrong. Please try again.'); },
          function () { finished = true; showError(turn, 'Something went wrong. Please try again.'); });
      }
      return readLines(response, function (message) {
        if (message.type === 'delta') {
          if (!started) { answer.textContent = ''; started = true; }
          answer.textContent += message.text;
        } else if (message.type === 'answer') {
          finished = true;
          var node = fromHtml(message.html);
          turn.replaceWith(node);
          historyInput.value = message.history;
          textarea.value = '';
          var label = form.querySelector('label[for="question"]');
          if (label) label.textContent = 'Ask a follow-up';
          var restart = document.getElementById('new-conversation');
          if (restart) restart.hidden = false;
          status.textContent = 'Answer ready.';
        } else if (message.type === 'error') {
          finished = true;
          showError(turn, message.message);
          status.textContent = message.message;
        }
      });
    }).catch(function () {
      finished = true;
      showError(turn, 'The connection was interrupted. Check your network and try again.');
    }).then(function () {
      if (!finished) showError(turn, 'The answer was cut off. Please try again.');
      button.disabled = false;
      textarea.focus();
    });
  });

  // Feedback forms are inserted later, so listen on the document.
  document.addEventListener('submit', function (event) {
    var target = event.target;
    if (!target.classList || !target.classList.contains('feedback-form')) return;
    event.preventDefault();
    var body = new URLSearchParams(new FormData(target));
    if (event.submitter && event.submitter.name) body.set(event.submitter.name, event.submitter.value);
    var buttons = target.querySelectorAll('button');
    buttons.forEach(function (b) { b.disabled = true; });
    fetch(target.action, {
      method: 'POST',
      body: body,
      credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'X-CSRF-Token': csrf }
    }).then(function (response) {
      return response.json().then(function (data) {
        var note = element('p', response.ok ? 'success' : 'error', data.message || data.error || 'Could not send feedback.');
        note.setAttribute('role', 'status');
        target.replaceWith(note);
      });
    }).catch(function () {
      buttons.forEach(function (b) { b.disabled = false; });
    });
  });
})();
`;
