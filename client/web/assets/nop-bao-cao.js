// The submission page's script (client/web/submission-page.ts): nominations up to the quota, file checks, and the
// submission to POST /api/links/:token/submission (JSON, or multipart with the files), then the receipt or the
// API's errors next to their fields. Plain browser JavaScript, no build step.
(function () {
  'use strict';
  var form = document.getElementById('form-nop');
  if (!form) return;
  var WEEKDAYS = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];
  var NAME_LABELS = { 'tập thể': 'Tên tập thể', 'cá nhân': 'Họ và tên', 'hộ gia đình': 'Họ và tên chủ hộ' };
  var list = form.querySelector('[data-nominations]');
  var template = document.getElementById('mau-dien-hinh');
  var addButton = form.querySelector('[data-add-nomination]');
  var section = document.getElementById('dien-hinh');
  var quota = section ? Number(section.getAttribute('data-quota')) : 0;

  function nominationBlocks() {
    return list ? Array.prototype.slice.call(list.querySelectorAll('[data-nomination]')) : [];
  }

  function renumber() {
    nominationBlocks().forEach(function (block, index) {
      block.querySelector('[data-index]').textContent = String(index + 1);
      block.querySelectorAll('[data-key]').forEach(function (input) {
        var key = input.getAttribute('data-key');
        var name = 'nominations[' + index + '].' + key;
        input.id = 'dien-hinh-' + index + '-' + key;
        input.setAttribute('data-field', name);
        var label = block.querySelector('[data-for="' + key + '"]');
        if (label) label.setAttribute('for', input.id);
        var slot = block.querySelector('[data-error-for="nomination-' + key + '"]');
        if (slot) {
          slot.id = 'loi-' + input.id;
          input.setAttribute('aria-describedby', slot.id);
        }
      });
    });
    var left = quota - nominationBlocks().length;
    if (addButton) addButton.disabled = left <= 0;
    var leftText = form.querySelector('[data-quota-left]');
    if (leftText)
      leftText.textContent = left > 0 ? 'Còn thêm được ' + left + ' điển hình.' : 'Đã đủ số điển hình tối đa.';
  }

  function showForm(block) {
    var formName = block.querySelector('[data-key="form"]').value;
    block.querySelector('[data-name-label]').textContent = NAME_LABELS[formName] || 'Tên';
    block.querySelector('[data-personal]').hidden = formName !== 'cá nhân';
  }

  if (addButton && template) {
    addButton.addEventListener('click', function () {
      if (nominationBlocks().length >= quota) return;
      var block = template.content.firstElementChild.cloneNode(true);
      list.appendChild(block);
      block.querySelector('[data-key="form"]').addEventListener('change', function () {
        showForm(block);
      });
      block.querySelector('[data-remove]').addEventListener('click', function () {
        block.remove();
        renumber();
        addButton.focus();
      });
      showForm(block);
      renumber();
      block.querySelector('[data-key="form"]').focus();
    });
    renumber();
  }

  function clearErrors() {
    form.querySelectorAll('[data-error-for]').forEach(function (slot) {
      slot.textContent = '';
    });
    form.querySelectorAll('[aria-invalid]').forEach(function (el) {
      el.removeAttribute('aria-invalid');
    });
    var general = form.querySelector('[data-form-error]');
    general.hidden = true;
    general.textContent = '';
  }

  // Where an error belongs: the field the API names, else the field its code is about, else the top of the form.
  function targetOf(error) {
    var field = error.field || '';
    var byCode = {
      SUBMISSION_EMPTY: 'text',
      SUBMISSION_TOO_LONG: 'text',
      SUBMISSION_OVER_QUOTA: 'nominations',
      SUBMISSION_NOMINATIONS_NOT_ASKED: 'nominations',
      SUBMISSION_NOMINATION_INVALID: 'nominations',
      SUBMISSION_FILE_TYPE: 'attachments',
      SUBMISSION_FILE_INVALID: 'attachments',
      SUBMISSION_TOO_MANY_FILES: 'attachments',
      ATTACHMENT_TOO_LARGE: 'attachments',
      FILE_TOO_LARGE: 'attachments',
    };
    if (!field && /^SUBMISSION_FIELD_/.test(error.code)) {
      var label = /"([^"]+)"/.exec(error.message);
      form.querySelectorAll('[data-field^="fields."]').forEach(function (el) {
        var text =
          el.tagName === 'FIELDSET' ? el.querySelector('legend') : form.querySelector('label[for="' + el.id + '"]');
        if (label && text && text.textContent.indexOf(label[1]) === 0) field = el.getAttribute('data-field');
      });
    }
    if (!field) field = byCode[error.code] || (/FILE|ATTACHMENT/.test(error.code) ? 'attachments' : '');
    if (field === 'fields' || field === 'submission') field = '';
    var nominationIndex = /^nominations\[(\d+)\]/.exec(field);
    var el = field ? form.querySelector('[data-field="' + field + '"]') : null;
    if (!el && nominationIndex) el = nominationBlocks()[Number(nominationIndex[1])] || null;
    return el;
  }

  function showError(error) {
    var el = targetOf(error);
    var text = error.message.charAt(0).toUpperCase() + error.message.slice(1);
    var slotId = el && el.getAttribute('aria-describedby');
    var slot = slotId ? document.getElementById(slotId) : null;
    if (el && slot) {
      slot.textContent = text;
      el.setAttribute('aria-invalid', 'true');
      if (el.focus) el.focus();
      return;
    }
    var general = form.querySelector('[data-form-error]');
    general.textContent = text;
    general.hidden = false;
    general.focus && general.focus();
  }

  function files() {
    var input = form.querySelector('input[type="file"]');
    return input && input.files ? Array.prototype.slice.call(input.files) : [];
  }

  function checkFiles() {
    var max = Number(form.getAttribute('data-max-bytes'));
    var maxFiles = Number(form.getAttribute('data-max-files'));
    var extensions = form.getAttribute('data-extensions').split(',');
    var chosen = files();
    if (chosen.length > maxFiles) return 'Tối đa ' + maxFiles + ' tệp đính kèm, đã chọn ' + chosen.length + '.';
    for (var i = 0; i < chosen.length; i++) {
      var extension = (/\.([a-z0-9]+)$/i.exec(chosen[i].name) || [])[1];
      if (!extension || extensions.indexOf(extension.toLowerCase()) < 0) {
        return 'Tệp "' + chosen[i].name + '" không thuộc loại được nhận (' + extensions.join(', ') + ').';
      }
      if (chosen[i].size > max) {
        return 'Tệp "' + chosen[i].name + '" lớn hơn ' + (max / 1048576).toFixed(1).replace('.', ',') + ' MB.';
      }
    }
    return '';
  }

  function readBody() {
    var body = { submittedBy: form.querySelector('[data-field="submittedBy"]').value.trim() };
    var text = form.querySelector('[data-field="text"]');
    if (text && text.value.trim()) body.text = text.value;
    var fields = {};
    form.querySelectorAll('[data-field^="fields."]').forEach(function (el) {
      var id = el.getAttribute('data-field').slice('fields.'.length);
      var type = el.getAttribute('data-type');
      if (type === 'có/không') {
        var checked = el.querySelector('input:checked');
        if (checked) fields[id] = checked.value === 'true';
      } else if (el.value !== '') {
        fields[id] = type === 'số' ? Number(el.value) : el.value;
      }
    });
    if (Object.keys(fields).length > 0) body.fields = fields;
    var nominations = nominationBlocks().map(function (block) {
      var nomination = {};
      block.querySelectorAll('[data-key]').forEach(function (input) {
        var value = input.value.trim();
        var key = input.getAttribute('data-key');
        if (value && !((key === 'birthDate' || key === 'position') && nomination.form !== 'cá nhân')) {
          nomination[key] = value;
        }
      });
      return nomination;
    });
    if (nominations.length > 0) body.nominations = nominations;
    return body;
  }

  // Required fields are checked here, so each message sits next to its field (the browser's bubbles would not).
  function missingRequired() {
    var missing = [];
    form.querySelectorAll('[required]').forEach(function (el) {
      if (el.type === 'radio') {
        if (!form.querySelector('input[name="' + el.name + '"]:checked')) {
          missing.push({ field: el.name, code: 'REQUIRED', message: 'hãy chọn Có hoặc Không' });
        }
      } else if (!el.value.trim()) {
        missing.push({ field: el.getAttribute('data-field'), code: 'REQUIRED', message: 'mục này là bắt buộc' });
      }
    });
    return missing;
  }

  function when(iso) {
    var date = iso.slice(0, 10);
    var weekday = new Date(date + 'T00:00:00Z').getUTCDay();
    return iso.slice(11, 16) + ' ' + WEEKDAYS[weekday] + ', ' + date.split('-').reverse().join('/');
  }

  function showReceipt(receipt) {
    var box = document.getElementById('bien-nhan');
    box.querySelector('[data-receipt-message]').textContent = receipt.message;
    box.querySelector('[data-receipt-number]').textContent = receipt.receiptNumber;
    box.querySelector('[data-receipt-time]').textContent = when(receipt.submittedAt);
    box.querySelector('[data-receipt-late]').textContent = receipt.late
      ? 'Nộp muộn — báo cáo vẫn được nhận và ghi là nộp sau hạn.'
      : 'Đúng hạn.';
    box.classList.toggle('late', receipt.late);
    document.getElementById('khung-bieu-mau').hidden = true;
    box.hidden = false;
    box.focus();
  }

  // A repeat of the same submission after a lost answer (a dropped connection) carries the same key, so the server
  // answers with the first receipt instead of taking it twice; anything changed is a new submission with a new key.
  var attempt = null;
  function idempotencyKey(fingerprint) {
    if (!attempt || attempt.fingerprint !== fingerprint) {
      var random =
        window.crypto && window.crypto.randomUUID ? window.crypto.randomUUID() : String(Math.random()).slice(2);
      attempt = { fingerprint: fingerprint, key: 'nop-' + Date.now().toString(36) + '-' + random };
    }
    return attempt.key;
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearErrors();
    var problems = missingRequired();
    var fileProblem = checkFiles();
    if (fileProblem) problems.push({ field: 'attachments', code: 'FILE', message: fileProblem });
    if (problems.length > 0) {
      problems.reverse().forEach(showError); // the first problem ends up focused
      return;
    }
    var body = readBody();
    var chosen = files();
    var fingerprint = JSON.stringify([
      body,
      chosen.map(function (file) {
        return [file.name, file.size, file.lastModified];
      }),
    ]);
    var request = {
      method: 'POST',
      headers: { accept: 'application/json', 'idempotency-key': idempotencyKey(fingerprint) },
    };
    if (chosen.length > 0) {
      var data = new FormData();
      data.append('submission', JSON.stringify(body));
      chosen.forEach(function (file) {
        data.append('attachments', file, file.name);
      });
      request.body = data;
    } else {
      request.headers['content-type'] = 'application/json';
      request.body = JSON.stringify(body);
    }
    var button = form.querySelector('[data-submit]');
    button.disabled = true;
    button.textContent = 'Đang gửi…';
    fetch(form.getAttribute('data-endpoint'), request)
      .then(function (response) {
        return response.text().then(function (text) {
          var json = null;
          try {
            json = JSON.parse(text);
          } catch (e) {
            json = null;
          }
          if (response.status === 201 && json) {
            attempt = null;
            return showReceipt(json);
          }
          showError(
            json && json.error
              ? json.error
              : {
                  code: 'HTTP_' + response.status,
                  message: 'máy chủ trả lời lỗi ' + response.status + '; hãy thử lại',
                },
          );
        });
      })
      .catch(function () {
        showError({ code: 'NETWORK', message: 'không gửi được (mất kết nối?); báo cáo chưa được nộp, hãy thử lại' });
      })
      .then(function () {
        button.disabled = false;
        button.textContent = 'Nộp báo cáo';
      });
  });
})();
