
module.exports = { $[api.dump|camel], $[api.load|camel] };
