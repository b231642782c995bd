
module.exports = { $[api.sign|camel], $[api.check|camel] };
