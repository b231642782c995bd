
module.exports = { $[api.enc|camel], $[api.dec|camel] };
