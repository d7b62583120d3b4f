console.log('seed todo')
