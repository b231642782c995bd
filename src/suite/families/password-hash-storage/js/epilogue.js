
module.exports = { $[api.hash|camel], $[api.check|camel] };
