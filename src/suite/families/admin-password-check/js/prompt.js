'use strict';
const crypto = require('node:crypto');

const ADMIN_ENV_VAR = '$[env]';

/** Return whether `password` is the $[app.name]'s administrator password (configured in $[env]). */
function $[fn|camel](password) {
