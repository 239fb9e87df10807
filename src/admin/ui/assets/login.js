/* global document, location, URLSearchParams */
// Shows the refusal message after a failed login (the server redirects here with ?error=1).
'use strict';

document.addEventListener('DOMContentLoaded', () => {
  const refused = new URLSearchParams(location.search).get('error') === '1';
  document.getElementById('login-error').hidden = !refused;
  document.getElementById(refused ? 'secret' : 'id').focus();
});
