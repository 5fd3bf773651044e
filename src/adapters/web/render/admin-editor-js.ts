/**
 * Live validation and preview for the content editor (served as
 * /assets/admin-editor.<hash>.js). Without it, "Check and preview" does the
 * same with a full page load. The preview HTML comes from the server's
 * sanitising renderer; problems are inserted as text.
 */
export const ADMIN_EDITOR_JS = `
(function () {
  'use strict';
  var form = document.getElementById('editor-form');
  if (!form || !window.fetch) return;
  var textarea = form.querySelector('textarea[name="text"]');
  var problems = document.getElementById('problems');
  var preview = document.getElementById('preview');
  var csrf = form.querySelector('input[name="_csrf"]').value;
  var timer = null;
  var sequence = 0;
  var dirty = false;

  function render(data) {
    problems.textContent = '';
    var box = document.createElement(data.ok ? 'p' : 'div');
    if (data.ok) {
      box.className = 'success';
      box.textContent = 'No problems: the whole library loads with this file.';
      textarea.removeAttribute('aria-invalid');
    } else {
      box.className = 'error';
      var intro = document.createElement('p');
      intro.textContent = data.problems.length === 1 ? '1 problem to fix before saving:' : data.problems.length + ' problems to fix before saving:';
      var list = document.createElement('ul');
      list.className = 'problems';
      data.problems.forEach(function (p) {
        var item = document.createElement('li');
        item.textContent = p.text;
        list.appendChild(item);
      });
      box.appendChild(intro);
      box.appendChild(list);
      textarea.setAttribute('aria-invalid', 'true');
    }
    problems.appendChild(box);
    var template = document.createElement('template');
    template.innerHTML = data.preview;
    preview.replaceChildren(template.content);
  }

  function validate() {
    var mine = ++sequence;
    fetch(form.getAttribute('data-validate-url'), {
      method: 'POST',
      body: new URLSearchParams(new FormData(form)),
      credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'X-CSRF-Token': csrf }
    }).then(function (response) {
      if (response.status === 401) { problems.textContent = 'Your admin session expired. Copy your text, then log in again.'; return; }
      return response.json().then(function (data) { if (mine === sequence && data.problems) render(data); });
    }).catch(function () { /* offline: the Save button still validates on the server */ });
  }

  textarea.addEventListener('input', function () {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(validate, 400);
  });
  form.addEventListener('submit', function () { dirty = false; });
  window.addEventListener('beforeunload', function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ''; }
  });
})();
`;
