
module.exports = { $[fn|camel] };
