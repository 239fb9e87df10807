/**
 * The `/docs` page and its script, kept in code so a build needs no copied files. The page
 * has no inline script (the CSP forbids it); the script fetches the document with the
 * caller's credentials and hands it to Swagger UI.
 */
export const DOCS_PAGE = `<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>API của LGSP / LGSP gateway API</title>
  <link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
  <script defer src="/docs/assets/swagger-ui-bundle.js"></script>
  <script defer src="/docs/init.js"></script>
</head>
<body>
  <form id="token-form" class="swagger-ui" hidden>
    <div class="wrapper">
      <h2>API của LGSP <span lang="en">/ LGSP gateway API</span></h2>
      <p>Dán access token lấy từ <code>POST /token</code> để xem các dịch vụ được cấp quyền, hoặc
        <a href="/admin/login">đăng nhập trang vận hành</a> rồi tải lại trang này để xem tất cả.
        <span lang="en">Paste an access token from <code>POST /token</code> to see the services it may call,
        or sign in to the operators' dashboard and reload this page to see them all.</span></p>
      <label for="token">Access token</label>
      <input id="token" name="token" type="password" autocomplete="off" required>
      <button class="btn authorize" type="submit">Xem / Show</button>
      <p id="token-error" role="alert" hidden></p>
    </div>
  </form>
  <div id="swagger-ui"></div>
</body>
</html>
`;

export const DOCS_INIT_JS = `/* global window, document, fetch */
// Loads the caller's OpenAPI document (dashboard session first, else a pasted token) into Swagger UI.
'use strict';

document.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('token-form');
  const input = document.getElementById('token');
  const problem = document.getElementById('token-error');

  const load = async (url, init) => {
    const res = await fetch(url, { credentials: 'same-origin', ...init, headers: { Accept: 'application/json', ...(init && init.headers) } });
    if (!res.ok) throw new Error(res.status === 401 ? 'Token không hợp lệ hoặc đã hết hạn / The token is invalid or has expired' : 'Không tải được tài liệu / The document could not be loaded (' + res.status + ')');
    return res.json();
  };

  const render = (spec, token) => {
    form.hidden = true;
    const ui = window.SwaggerUIBundle({ spec, dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null, presets: [window.SwaggerUIBundle.presets.apis], layout: 'BaseLayout' });
    // "Try it out" then sends the same token; it stays in this page's memory only.
    if (token) ui.preauthorizeApiKey('bearerToken', token);
  };

  // The dashboard's session cookie is scoped to /admin: an operator signed in there sees every operation.
  load('/admin/api/openapi.json').then((spec) => render(spec), () => {
    form.hidden = false;
    input.focus();
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = input.value.trim();
    load('/api/v1/openapi.json', { credentials: 'omit', headers: { Authorization: 'Bearer ' + token } }).then(
      (spec) => render(spec, token),
      (err) => {
        problem.textContent = err.message;
        problem.hidden = false;
      },
    );
  });
});
`;
