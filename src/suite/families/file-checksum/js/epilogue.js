
module.exports = { $[api.sum|camel], $[api.check|camel] };
