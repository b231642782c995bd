module.exports = { $[fn|camel] };
